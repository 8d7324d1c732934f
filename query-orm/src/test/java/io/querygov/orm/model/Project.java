package io.querygov.orm.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "project")
@NamedQuery(name = "Project.byOwner",
        query = "select p from Project p where p.owner.id = :ownerId order by p.id",
        hints = {
                @QueryHint(name = "querygov.param.ownerId", value = "sample: select id from app_user"),
                @QueryHint(name = "querygov.tags", value = "dashboard, owner")
        })
@NamedQuery(name = "Project.withOwnerAndTasks",
        query = "select distinct p from Project p join p.owner o join p.tasks t join t.assignee a where o.name = :ownerName")
@NamedQuery(name = "Project.rename", query = "update Project p set p.name = :name where p.id = :id",
        hints = @QueryHint(name = "querygov.param.id", value = "range: 1..3"))
@NamedNativeQuery(name = "Project.countByOwner",
        query = "select owner_id, count(*) as projects from project where owner_id = :ownerId group by owner_id")
@NamedNativeQuery(name = "Project.readOnlyProbe", query = "select current_setting('transaction_read_only')")
@NamedNativeQuery(name = "Project.searchPathProbe", query = "select current_setting('search_path')")
@NamedNativeQuery(name = "Project.changeSearchPath", query = "select set_config('search_path', 'pg_catalog', false)")
public class Project extends Identified {
    @Column(nullable = false)
    private String name;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "owner_id")
    private AppUser owner;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb", nullable = false)
    private Map<String, Object> settings = new LinkedHashMap<>();

    @OneToMany(mappedBy = "project")
    private List<Task> tasks = new ArrayList<>();

    protected Project() {
    }

    public Project(String name, AppUser owner, Map<String, Object> settings) {
        this.name = name;
        this.owner = owner;
        this.settings = new LinkedHashMap<>(settings);
    }

    // the accessors the tests read and write, no more
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public AppUser getOwner() {
        return owner;
    }

    public Map<String, Object> getSettings() {
        return settings;
    }

    public List<Task> getTasks() {
        return tasks;
    }
}
