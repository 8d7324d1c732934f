package io.querygov.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Text, attributes and JSON data reach a page escaped. */
class HtmlTest {

    @Test
    void escapesTextAndAttributes() {
        assertEquals("SELECT 1 /* &lt;script&gt;alert(1)&lt;/script&gt; */",
                Html.escape("SELECT 1 /* <script>alert(1)</script> */"));
        assertEquals("a &amp; b &quot;c&quot; &#39;d&#39;", Html.escape("a & b \"c\" 'd'"));
        assertEquals("", Html.escape(null));
        String plain = "nothing to escape";
        assertEquals(plain, Html.escape(plain));

        String html = new HtmlBuilder().open("a", "href", "#\"><script>x</script>", "title", null)
                .text("<b>").close("a").toString();
        assertEquals("<a href=\"#&quot;&gt;&lt;script&gt;x&lt;/script&gt;\">&lt;b&gt;</a>", html);
        assertThrows(IllegalArgumentException.class, () -> new HtmlBuilder().open("a", "href"));
    }

    @Test
    void jsonCannotEndItsScriptElement() {
        String json = Html.json(Map.of("sql", List.of("SELECT '</script><script>alert(1)</script>' & \u2028")));
        assertFalse(json.contains("<") || json.contains(">") || json.contains("&"), json);
        assertTrue(json.contains("\\u003c/script\\u003e"), json);
        assertTrue(json.contains("\\u2028"), json);
    }

    @Test
    void pagesInlineTheirScriptsWithANonce() {
        String page = new Page("t <x>", new HtmlBuilder().text("<i>")).render();
        assertTrue(page.contains("<title>t &lt;x&gt;</title>"), "title escaped");
        assertTrue(page.contains("&lt;i&gt;"), "body escaped");
        String nonce = nonce(page);
        assertTrue(page.contains("<script nonce=\"" + nonce + "\">"), "scripts carry the policy's nonce");
        assertFalse(nonce.equals(nonce(new Page("t", new HtmlBuilder()).render())), "a nonce per page");
    }

    private static String nonce(String page) {
        Matcher m = Pattern.compile("script-src &#39;nonce-([A-Za-z0-9_-]+)&#39;").matcher(page);
        assertTrue(m.find(), "a policy with a nonce");
        return m.group(1);
    }
}
