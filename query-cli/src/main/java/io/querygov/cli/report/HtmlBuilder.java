package io.querygov.cli.report;

/**
 * Writes HTML where every text and attribute value is escaped: tag and attribute names are querytool's own
 * constants, everything else goes through {@link Html#escape(String)}. Not thread-safe.
 */
public final class HtmlBuilder {
    private final StringBuilder out;

    public HtmlBuilder() {
        this(4096);
    }

    public HtmlBuilder(int capacity) {
        this.out = new StringBuilder(capacity);
    }

    /**
     * An opening tag.
     *
     * @param attributes names and values in turn; a null value leaves the attribute out, an empty one writes it
     *        bare ({@code disabled})
     */
    public HtmlBuilder open(String tag, String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes of <" + tag + "> come in name, value pairs, got "
                    + attributes.length + " strings");
        }
        out.append('<').append(tag);
        for (int i = 0; i < attributes.length; i += 2) {
            String value = attributes[i + 1];
            if (value == null) {
                continue;
            }
            out.append(' ').append(attributes[i]);
            if (!value.isEmpty()) {
                out.append("=\"").append(Html.escape(value)).append('"');
            }
        }
        out.append('>');
        return this;
    }

    public HtmlBuilder close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** Escaped text; null writes nothing. */
    public HtmlBuilder text(Object text) {
        if (text != null) {
            out.append(Html.escape(text.toString()));
        }
        return this;
    }

    /** An element holding escaped text. */
    public HtmlBuilder element(String tag, Object text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    /** Markup another builder wrote, which escaped its own text. */
    public HtmlBuilder append(HtmlBuilder other) {
        out.append(other.out);
        return this;
    }

    /** A table row of header cells. */
    public HtmlBuilder headerRow(Object... cells) {
        open("tr");
        for (Object cell : cells) {
            element("th", cell);
        }
        return close("tr");
    }

    /** A table row of data cells; numbers are right-aligned. */
    public HtmlBuilder row(Object... cells) {
        open("tr");
        for (Object cell : cells) {
            element("td", cell, "class", cell instanceof Number || cell instanceof Figure ? "num" : null);
        }
        return close("tr");
    }

    /** Markup this builder wrote. Only for the page frame, which adds it to its own constant markup. */
    String markup() {
        return out.toString();
    }

    public int length() {
        return out.length();
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** A figure already formatted as text, shown right-aligned like a number. */
    public record Figure(String text) {
        @Override
        public String toString() {
            return text;
        }
    }
}
