package io.callstream.deploy.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.management.ObjectName;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.TranscriptLine;
import io.callstream.dashboard.DashboardConfig;
import io.callstream.deploy.demo.DemoRun;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.enrich.EnrichOptions;
import io.callstream.ingest.TeslaSample;
import io.callstream.ingest.publish.Pace;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The real thing in a real browser: {@code demo} at 10x on the embedded stack with its dashboard, watched by
 * headless Chromium. The first turn appears, a turn still open is updated and becomes FINAL in place, topic chips
 * and an alert come, a transcript line holding a {@code <script>} shows as text, and nothing is served without the
 * token.
 */
@Tag("integration")
class DemoDashboardInChromiumTest {

    private static final String TOKEN = "demo-browser-token";
    private static final String XSS_CALL = "xss-demo";
    private static final String SCRIPT_LINE = "<script>window.pwned=1</script> Welcome to the call.";

    @TempDir
    Path dir;

    /** A second, tiny call whose operator reads out a script tag. */
    private static List<CallEvent> callWithAScriptLine() {
        Instant start = Instant.parse("2026-11-27T14:00:00Z");
        return List.of(
                CallEvent.newBuilder().setCallId(XSS_CALL).setCallOffsetMs(0).setObservedAt(start)
                        .setPayload(CallStarted.newBuilder().setCompany("Mallory <b>Corp</b>").setTicker("XSS")
                                .setSource("test").build()).build(),
                CallEvent.newBuilder().setCallId(XSS_CALL).setCallOffsetMs(1000).setObservedAt(start.plusSeconds(1))
                        .setPayload(TranscriptLine.newBuilder().setLineId("L0").setSeq(0).setSpeakerLabel("Operator")
                                .setText(SCRIPT_LINE).build()).build(),
                CallEvent.newBuilder().setCallId(XSS_CALL).setCallOffsetMs(2000).setObservedAt(start.plusSeconds(2))
                        .setPayload(CallEnded.newBuilder().setLineCount(1).build()).build());
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theDemoAtTenTimesShowsTheCallFormingLiveInChromium() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start(); EmbeddedStack stack = EmbeddedStack.start()) {
            ChromeDriver browser = chromium.driver();
            CompletableFuture<URI> dashboard = new CompletableFuture<>();
            DemoRun.Options options = new DemoRun.Options(List.of(TeslaSample.events(), callWithAScriptLine()),
                    Pace.parse("10"), dir.resolve("demo.db"), null, EnrichOptions.defaults())
                    .withDashboard(DashboardConfig.defaults(TOKEN).withPort(0), new DemoRun.Listener() {
                        @Override
                        public void dashboardStarted(URI url) {
                            dashboard.complete(url);
                        }
                    });
            List<String> othersBefore = bystanderConsumers(); // the test JVM's other classes may have left some
            CompletableFuture<Throwable> demoEnded = new CompletableFuture<>();
            Thread demo = new Thread(() -> {
                try {
                    DemoRun.run(stack.endpoints(), options);
                    demoEnded.complete(null);
                } catch (Throwable e) {
                    demoEnded.complete(e);
                }
            }, "demo-under-test");
            demo.start();
            try {
                URI url = dashboard.get(2, TimeUnit.MINUTES);
                URI base = url.resolve("/");
                assertThat(bystanderConsumers()).as("the printers, the dashboard's feed and the monitor read the "
                        + "pipeline's topics on one consumer").filteredOn(id -> !othersBefore.contains(id))
                        .containsExactly("callstream-demo-feed");
                assertThat(url.getQuery()).isEqualTo("token=" + TOKEN);

                HttpClient http = HttpClient.newHttpClient();
                assertThat(http.send(HttpRequest.newBuilder(base.resolve("/api/calls")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).as("the API without the token").isEqualTo(401);
                browser.get(base.toString());
                until(chromium, "the page says where the token is", d ->
                        d.findElement(By.id("auth-error")).isDisplayed());
                chromium.screenshot("demo-without-token");

                browser.get(url + "&call=tesla-2016-q4");
                until(chromium, "the first turn appears", d -> d.findElement(By.id("turn-0")));
                // Not turn 0 itself: on a busy machine the page may load after the call's first turn has closed, and
                // a closed turn never changes again. One still being transcribed is there for as long as the call is.
                List<?> open = until(chromium, "a turn still being transcribed", d -> chromium.script(
                        "const t = [...document.querySelectorAll('#transcript .turn[data-status=PARTIAL]')].pop();"
                                + " return t ? [t.id, Number(t.dataset.version)] : null;"));
                WebElement growing = browser.findElement(By.id((String) open.get(0)));
                long openVersion = ((Number) open.get(1)).longValue();
                until(chromium, "the open turn grows", d ->
                        Long.parseLong(growing.getDomAttribute("data-version")) > openVersion);
                until(chromium, "the open turn becomes FINAL, in place", d ->
                        "FINAL".equals(growing.getDomAttribute("data-status")));
                until(chromium, "a topic chip", d -> d.findElement(By.cssSelector(".topic-chip[data-topic]")));
                WebElement alert = until(chromium, "an alert", d -> d.findElement(By.cssSelector(".alert[data-alert-id]")));
                assertThat(alert.getText()).isNotBlank();
                until(chromium, "the timeline fills", d -> d.findElement(By.cssSelector("[data-minute][data-topic]")));
                chromium.screenshot("demo-dashboard-live");

                browser.get(url + "&call=" + XSS_CALL);
                WebElement scriptTurn = until(chromium, "the script line's turn", d -> d.findElement(By.id("turn-0")));
                until(chromium, "the script line shows as text", d -> scriptTurn.getText().contains("<script>"));
                Object pwned = chromium.script("return typeof window.pwned;");
                assertThat(pwned).as("the script in the transcript never ran").isEqualTo("undefined");
                assertThat(browser.findElements(By.cssSelector("#transcript script"))).isEmpty();
                chromium.screenshot("demo-dashboard-script-as-text");

                HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body()).contains("callstream_lines_in_total", "kafka_stream_");
                assertThat(http.send(HttpRequest.newBuilder(base.resolve("/health/live")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            } finally {
                demo.interrupt(); // the call would take minutes more at 10x; what was to be seen has been seen
                demo.join(60_000);
            }
            assertThat(demo.isAlive()).as("the demo stopped").isFalse();
            Throwable ended = demoEnded.getNow(null);
            assertThat(ended == null || ended instanceof InterruptedException
                    || ended.getCause() instanceof InterruptedException)
                    .as("the demo ended only by the interrupt: %s", ended).isTrue();
            assertThat(Files.exists(HeadlessChromium.SCREENSHOTS.resolve("demo-dashboard-live.png"))).isTrue();
        }
    }

    private static <T> T until(HeadlessChromium chromium, String what, Function<WebDriver, T> condition) {
        return chromium.waiting(Duration.ofSeconds(90)).withMessage(what).until(condition);
    }

    /**
     * The client ids of this JVM's consumers that read as bystanders: named callstream-*, less enrich's own (its
     * stream threads' and state updaters'); the sink's, a group member, has the client's default name.
     */
    private static List<String> bystanderConsumers() throws Exception {
        return ManagementFactory.getPlatformMBeanServer()
                .queryNames(new ObjectName("kafka.consumer:type=consumer-metrics,client-id=*"), null).stream()
                .map(name -> name.getKeyProperty("client-id")).filter(id -> id.startsWith("callstream-"))
                .filter(id -> !id.contains("-StreamThread-") && !id.contains("-StateUpdater-")).toList();
    }
}
