package io.querygov.cli.advise;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** A test schema of its own for advise: authors write books, fetched lazily. */
@Entity
@Table(name = "author")
public class Author {
    @Id
    Long id;
    String name;
    String country;
    @OneToMany(mappedBy = "author")
    List<Book> books = new ArrayList<>();

    public List<Book> books() {
        return books;
    }
}
