// A plain Java 17 client of govshare serve (docs/server.md): java.net.http.HttpClient and
// Jackson (Debian: libjackson2-databind-java), no build tool, no Maven repository.
//
//   CP=/usr/share/java/jackson-databind.jar:/usr/share/java/jackson-core.jar:/usr/share/java/jackson-annotations.jar
//   javac -cp "$CP" -d build GovshareClient.java
//   java -cp "build:$CP" GovshareClient http://127.0.0.1:8000
//
// main() asks for the Hubei deadline of an application received 2026-09-30 at provincial
// level and for the working day after 2026-10-09, checks the answers (2026-10-13, and the
// make-up Saturday 2026-10-10) and exits 1 when one differs.

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

public final class GovshareClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;

    public GovshareClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** An error answer of the service: its RFC 9457 problem document. */
    public static final class ProblemException extends RuntimeException {
        public final int status;
        public final JsonNode problem;

        ProblemException(int status, JsonNode problem) {
            super(status + " " + problem.path("type").asText() + ": " + problem.path("detail").asText());
            this.status = status;
            this.problem = problem;
        }
    }

    /** GET a /v1 path with query parameters; the answer's {"trace": ..., "result": ...}. */
    public JsonNode get(String path, Map<String, String> query) {
        String q = query.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path + (q.isEmpty() ? "" : "?" + q)))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json")
            .GET()
            .build();
        return send(request);
    }

    /** POST a JSON body to a /v1 path. */
    public JsonNode post(String path, Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
            return send(request);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The deadline a profile's rule sets for an event (GET /v1/profiles/{name}/deadlines/{key}). */
    public JsonNode deadline(String profile, String key, String start, String level) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("start", start);
        q.put("level", level);
        return get("/v1/profiles/" + enc(profile) + "/deadlines/" + enc(key), q);
    }

    /** The n-th working day after a date (GET /v1/workdays/add). */
    public JsonNode addWorkingDays(String start, int n) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("start", start);
        q.put("n", Integer.toString(n));
        return get("/v1/workdays/add", q);
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new ProblemException(response.statusCode(), body);
            }
            return body;
        } catch (IOException e) {
            throw new IllegalStateException("govshare serve did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static boolean check(String what, String got, String want) {
        boolean ok = want.equals(got);
        System.out.println((ok ? "ok   " : "FAIL ") + what + ": " + got + (ok ? "" : " (expected " + want + ")"));
        return ok;
    }

    public static void main(String[] args) {
        GovshareClient govshare = new GovshareClient(URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8000"));
        boolean ok = true;

        // 5 working days from 2026-09-30: 10-01..07 off (国庆节), 10-08, 10-09, 10-10 (worked), 10-12, 10-13
        JsonNode answer = govshare.deadline("hubei", "share.conditional.provider_reply", "2026-09-30", "provincial");
        JsonNode result = answer.get("result");
        ok &= check("Hubei deadline, received 2026-09-30, provincial", result.get("due").asText(), "2026-10-13");
        System.out.println("     ends " + result.get("end_instant").asText()
            + "; " + result.get("rule").get("source").get("short").asText()
            + "; decision " + answer.get("trace").get("decision_id").asText());

        // the working day after Friday 2026-10-09 is the make-up Saturday (调休上班)
        JsonNode next = govshare.addWorkingDays("2026-10-09", 1).get("result");
        ok &= check("working day after 2026-10-09", next.get("date").asText(), "2026-10-10");

        // a year the official calendar does not cover yet: a problem, not a guess
        try {
            govshare.addWorkingDays("2031-10-09", 1);
            ok &= check("2031 refused", "answered", "a calendar-range problem");
        } catch (ProblemException e) {
            ok &= check("2031 refused", e.problem.get("error").asText(), "CalendarRangeError");
        }
        System.exit(ok ? 0 : 1);
    }
}
