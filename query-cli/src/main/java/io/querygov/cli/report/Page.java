package io.querygov.cli.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Properties;

/**
 * The frame of every page querytool writes: one HTML document with its styles, the charting library (uPlot, from
 * its webjar) and querytool's chart code inlined, so that a report opens from {@code file://} with no network, and
 * the page's data as JSON that the chart code reads. A Content-Security-Policy lets only this page's own scripts
 * run, by a nonce drawn for each page.
 */
public final class Page {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String title;
    private final HtmlBuilder header = new HtmlBuilder(512);
    private final HtmlBuilder body;
    private Object data;

    public Page(String title, HtmlBuilder body) {
        this.title = title;
        this.body = body;
    }

    /** What stands above the page's own content: a title line, links. */
    public HtmlBuilder header() {
        return header;
    }

    /** The data the charts draw, serialised as JSON; read by the page's script as {@code querygov.data}. */
    public Page data(Object data) {
        this.data = data;
        return this;
    }

    /** The whole document. */
    public String render() {
        String nonce = nonce();
        Assets assets = Assets.get();
        StringBuilder out = new StringBuilder(assets.size() + body.length() + 4096);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(Html.escape(policy(nonce)))
                .append("\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"generator\" content=\"querytool\">")
                // no favicon request: a report opens offline, and a dashboard has none to serve
                .append("<link rel=\"icon\" href=\"data:,\">")
                .append("<title>").append(Html.escape(title)).append("</title>")
                .append("<style nonce=\"").append(nonce).append("\">").append(assets.chartCss).append('\n')
                .append(assets.pageCss).append("</style></head>\n<body><header>").append(header.markup())
                .append("</header>\n<main>").append(body.markup()).append("</main>\n")
                .append("<script type=\"application/json\" id=\"querygov-data\">")
                .append(Html.json(data == null ? java.util.Map.of() : data)).append("</script>\n")
                .append("<script nonce=\"").append(nonce).append("\">").append(assets.chartJs).append("</script>\n")
                .append("<script nonce=\"").append(nonce).append("\">").append(assets.pageJs).append("</script>\n")
                .append("</body></html>\n");
        return out.toString();
    }

    /** The policy of a page with this nonce; the dashboard sends it as a header too. */
    public static String policy(String nonce) {
        return "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-" + nonce + "';"
                + " img-src data:; connect-src 'self'; form-action 'self'; base-uri 'none'";
    }

    private static String nonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The inlined files, read once. */
    static final class Assets {
        private static volatile Assets loaded;

        final String chartJs;
        final String chartCss;
        final String pageJs;
        final String pageCss;

        private Assets(String chartJs, String chartCss, String pageJs, String pageCss) {
            this.chartJs = chartJs;
            this.chartCss = chartCss;
            this.pageJs = pageJs;
            this.pageCss = pageCss;
        }

        int size() {
            return chartJs.length() + chartCss.length() + pageJs.length() + pageCss.length();
        }

        static Assets get() {
            Assets a = loaded;
            if (a == null) {
                synchronized (Assets.class) {
                    a = loaded;
                    if (a == null) {
                        a = load();
                        loaded = a;
                    }
                }
            }
            return a;
        }

        private static Assets load() {
            String version = uplotVersion();
            String webjar = "/META-INF/resources/webjars/uplot/" + version + "/dist/";
            return new Assets(inlinable(read(webjar + "uPlot.iife.min.js")), read(webjar + "uPlot.min.css"),
                    inlinable(read("querygov.js")), read("querygov.css"));
        }

        static String uplotVersion() {
            Properties p = new Properties();
            try (InputStream in = Page.class.getResourceAsStream("assets.properties")) {
                if (in == null) {
                    throw new IllegalStateException("assets.properties is missing from querytool's jar");
                }
                p.load(in);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read assets.properties: " + e.getMessage(), e);
            }
            return p.getProperty("uplot.version");
        }

        private static String read(String resource) {
            try (InputStream in = Page.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing from querytool's class path: the uPlot"
                            + " webjar (org.webjars.npm:uplot) must be of the version in assets.properties");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + resource + ": " + e.getMessage(), e);
            }
        }

        /** A script that can stand inside a script element: one holding {@code </script} would end it early. */
        private static String inlinable(String script) {
            if (script.toLowerCase(Locale.ROOT).contains("</script")) {
                throw new IllegalStateException("a script to inline contains </script");
            }
            return script;
        }
    }
}
