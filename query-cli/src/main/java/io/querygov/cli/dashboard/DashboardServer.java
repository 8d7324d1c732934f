package io.querygov.cli.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.querygov.cli.report.Html;
import io.querygov.core.QueryDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's web server: the JDK's own HTTP server, which needs no dependency and is plenty for one user on
 * one machine.
 *
 * <p>Safety. It binds to the loopback address unless told otherwise. Every action that runs a statement (EXPLAIN,
 * a benchmark, a check) is a POST carrying the server's random token, which only its own pages hold: another page
 * the browser has open cannot forge one (cross-site request forgery), on loopback too. On loopback, a request
 * whose {@code Host} is not a loopback name is refused, so a web page cannot reach the dashboard through a name of
 * its own that resolves to 127.0.0.1 (DNS rebinding). Bound to another address, every request needs the token:
 * in the printed URL once, then in a cookie the server sets ({@code HttpOnly}, {@code SameSite=Strict}). Pages
 * carry a Content-Security-Policy that runs only their own scripts, and are never cached or framed.
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final String COOKIE = "querytool_dashboard";
    /** Forms hold a token and a flag: nothing near this size. */
    private static final int MAX_BODY_BYTES = 16 * 1024;

    private final Dashboard dashboard;
    private final HttpServer server;
    private final ExecutorService threads;
    private final String token;
    private final boolean loopback;

    // A constructor that sets its fields, like ConnectedTarget's and the bench engine's: alike in form only.
    private DashboardServer(Dashboard dashboard, HttpServer server, ExecutorService threads, String token,
                            boolean loopback) {
        this.dashboard = dashboard;
        this.server = server;
        this.threads = threads;
        this.token = token;
        this.loopback = loopback;
    }

    /**
     * Starts serving.
     *
     * @param port 0 for any free port
     * @throws IOException when the address cannot be bound, e.g. the port is taken
     */
    public static DashboardServer start(Dashboard dashboard, InetAddress address, int port) throws IOException {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 16);
        ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "querytool-dashboard-http");
            t.setDaemon(true);
            return t;
        });
        DashboardServer dashboardServer = new DashboardServer(dashboard, server, threads, token,
                address.isLoopbackAddress());
        server.createContext("/", dashboardServer::handle);
        server.setExecutor(threads);
        server.start();
        return dashboardServer;
    }

    /** The address to open: with the token in it when the server is not on loopback. */
    public String url() {
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + bound.getPort() + "/" + (loopback ? "" : "?token=" + token);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Whether every request needs the token, not only those that run statements. */
    public boolean tokenRequired() {
        return !loopback;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (RuntimeException e) {
                LOG.debug("Dashboard request {} failed", exchange.getRequestURI().getPath(), e);
                send(exchange, 500, "text/plain", "querytool dashboard: " + dashboard.redact(e.toString()));
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (loopback && !loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
            send(exchange, 403, "text/plain", "querytool dashboard: this server answers only to 127.0.0.1,"
                    + " localhost and [::1]");
            return;
        }
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        if (!loopback && !authorised(exchange, query)) {
            send(exchange, 403, "text/plain", "querytool dashboard: open the URL it printed, with its token");
            return;
        }
        if (!loopback && query.containsKey("token") && method.equals("GET")) {
            // the token moves from the URL to a cookie, and out of the address bar and history
            exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly;"
                    + " SameSite=Strict");
            exchange.getResponseHeaders().add("Location", exchange.getRequestURI().getRawPath());
            send(exchange, 303, "text/plain", "");
            return;
        }
        List<String> path = segments(exchange.getRequestURI().getRawPath());
        switch (method) {
            case "GET", "HEAD" -> get(exchange, path);
            case "POST" -> post(exchange, path);
            default -> send(exchange, 405, "text/plain", "querytool dashboard: " + method + " is not served");
        }
    }

    private void get(HttpExchange exchange, List<String> path) throws IOException {
        if (path.isEmpty() || path.equals(List.of("queries"))) {
            page(exchange, () -> QueriesPage.render(dashboard));
        } else if (path.equals(List.of("catalog"))) {
            page(exchange, () -> CatalogPage.render(dashboard, token));
        } else if (path.size() == 2 && path.get(0).equals("query")) {
            Optional<QueryDescriptor> query = dashboard.catalog().find(path.get(1));
            if (query.isEmpty()) {
                send(exchange, 404, "text/plain", "querytool dashboard: no registered query is named "
                        + path.get(1));
            } else {
                page(exchange, () -> QueryPage.render(dashboard, query.get(), token));
            }
        } else if (path.size() == 2 && path.get(0).equals("jobs")) {
            Optional<BenchJobs.Job> job = parseLong(path.get(1)).flatMap(id -> dashboard.benches().job(id));
            if (job.isEmpty()) {
                json(exchange, 404, Map.of("error", "no such job"));
            } else {
                json(exchange, 200, job.get().json());
            }
        } else {
            send(exchange, 404, "text/plain", "querytool dashboard: no page here");
        }
    }

    private void post(HttpExchange exchange, List<String> path) throws IOException {
        Map<String, String> form = form(body(exchange));
        if (!matches(form.get("token")) || !sameOrigin(exchange)) {
            send(exchange, 403, "text/plain", "querytool dashboard: an action needs the token of a dashboard page");
            return;
        }
        if (path.equals(List.of("catalog", "check"))) {
            dashboard.recheck();
            redirect(exchange, "/catalog");
            return;
        }
        if (path.size() == 3 && path.get(0).equals("query")) {
            Optional<QueryDescriptor> query = dashboard.catalog().find(path.get(1));
            if (query.isEmpty()) {
                send(exchange, 404, "text/plain", "querytool dashboard: no registered query is named " + path.get(1));
                return;
            }
            switch (path.get(2)) {
                case "explain" -> {
                    dashboard.explain(query.get(), "true".equals(form.get("analyze")));
                    redirect(exchange, Pages.queryPath(query.get().name()) + "#plan");
                    return;
                }
                case "bench" -> {
                    BenchJobs.Job job = dashboard.benches().submit(query.get());
                    json(exchange, 202, Map.of("id", job.id, "status", "/jobs/" + job.id));
                    return;
                }
                default -> {
                }
            }
        }
        send(exchange, 404, "text/plain", "querytool dashboard: no action here");
    }

    private boolean authorised(HttpExchange exchange, Map<String, String> query) {
        if (matches(query.get("token"))) {
            return true;
        }
        String cookies = exchange.getRequestHeaders().getFirst("Cookie");
        if (cookies != null) {
            for (String cookie : cookies.split(";")) {
                String[] kv = cookie.trim().split("=", 2);
                if (kv.length == 2 && kv[0].equals(COOKIE) && matches(kv[1])) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    /** A POST that says where it came from must come from this server's own pages. */
    private boolean sameOrigin(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin == null || origin.equals("null")) {
            return origin == null;
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        return host != null && origin.equals("http://" + host);
    }

    private boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        String port = ":" + port();
        return name.equals("127.0.0.1" + port) || name.equals("localhost" + port) || name.equals("[::1]" + port);
    }

    private static List<String> segments(String rawPath) {
        List<String> out = new java.util.ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                out.add(URLDecoder.decode(part, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> out = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            String[] kv = pair.split("=", 2);
            try {
                out.putIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            } catch (IllegalArgumentException e) {
                // a malformed pair is ignored: a form without its token is refused anyway
            }
        }
        return out;
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                return "";
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static Optional<Long> parseLong(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A page, with how long it took to render in a Server-Timing header (browsers' developer tools show it). */
    private static void page(HttpExchange exchange, Supplier<String> render) throws IOException {
        long started = System.nanoTime();
        String html = render.get();
        exchange.getResponseHeaders().set("Server-Timing", String.format(Locale.ROOT, "render;dur=%.1f",
                (System.nanoTime() - started) / 1e6));
        send(exchange, 200, "text/html; charset=utf-8", html);
    }

    private static void json(HttpExchange exchange, int status, Object value) throws IOException {
        send(exchange, status, "application/json", Html.json(value));
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        send(exchange, 303, "text/plain", "");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type);
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        // same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" with its forms
        headers.set("Referrer-Policy", "same-origin");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
