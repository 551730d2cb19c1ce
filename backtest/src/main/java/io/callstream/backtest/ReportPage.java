package io.callstream.backtest;

import static io.callstream.backtest.Html.escape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.callstream.avro.Alert;

/**
 * The backtest as one page a person opens in a browser: alerts per rule, A against B, and each call's topics
 * minute by minute. Self-contained (inline CSS and SVG, no script, nothing fetched), and well-formed XHTML as well as
 * HTML, so a test can parse it strictly. Every piece of text from a transcript, a file name or a rules file is
 * escaped ({@link Html}).
 *
 * <p>Fifty-odd calls of twenty topics over an hour do not fit one picture: the page lists the calls and shows one
 * call's timeline at a time, the one picked in the list (CSS {@code :target}, so it needs no script and the address
 * names the call: {@code report.html#call-3}).
 */
final class ReportPage {

    private static final String[] SET_COLOURS = {"#2f6fb0", "#d9822b", "#5a9e48", "#8e5ab5"};
    private static final String[] CHANGE_COLOURS = {"#2f6fb0", "#d9822b", "#5a9e48", "#b5475a"};
    private static final int LABEL_WIDTH = 230;
    private static final int BAR_WIDTH = 360;

    private final BacktestReport report;
    private final StringBuilder page = new StringBuilder(1 << 16);

    private ReportPage(BacktestReport report) {
        this.report = report;
    }

    static String render(BacktestReport report) {
        return new ReportPage(report).build();
    }

    private String build() {
        List<CallReport> calls = report.run().reports();
        page.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>callstream backtest: ").append(calls.size())
                .append(" calls</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        summary(calls);
        alertsPerRule();
        comparison();
        timelines(calls);
        page.append("</body>\n</html>\n");
        return page.toString();
    }

    private void summary(List<CallReport> calls) {
        page.append("<h1>Backtest: ").append(calls.size()).append(" calls, ").append(format(report.lines()))
                .append(" lines</h1>\n<ul class=\"facts\">\n");
        for (int i = 0; i < report.ruleSets().size(); i++) {
            RuleSet r = report.ruleSets().get(i);
            page.append("<li><span class=\"swatch\" style=\"background:").append(SET_COLOURS[i % SET_COLOURS.length])
                    .append("\"></span>Rules ").append(escape(r.label())).append(": ").append(escape(r.describe()))
                    .append(", ").append(count(calls.stream().mapToInt(c -> c.alerts(r.label()).size()).sum(),
                            "alert", "alerts")).append("</li>\n");
        }
        page.append("<li>Turns ").append(format(calls.stream().mapToLong(CallReport::turns).sum()))
                .append(", question-answer exchanges ").append(format(calls.stream().mapToLong(CallReport::exchanges).sum()))
                .append(", dead letters ").append(calls.stream().mapToLong(CallReport::deadLetters).sum()).append("</li>\n");
        int left = report.corpus().twins().size() + report.corpus().skipped().size() + report.run().failed().size();
        if (left > 0) {
            page.append("<li>Left out (see skipped.csv): ")
                    .append(count(report.corpus().twins().size(), "twin file", "twin files"))
                    .append(" of calls read from another file, ")
                    .append(count(report.corpus().skipped().size(), "file", "files"))
                    .append(" or lines that could not be read, ")
                    .append(count(report.run().failed().size(), "call", "calls"))
                    .append(" that failed in the topology</li>\n");
        }
        page.append("</ul>\n<p class=\"note\">Call times are minutes:seconds since the call began, at the line that "
                + "completed an alert or brought a topic's words: what a live run knew at that point, no later.</p>\n");
        if (!report.corpus().skipped().isEmpty() || !report.run().failed().isEmpty()) {
            page.append("<details><summary>Files that could not be read</summary>\n<ul>\n");
            report.corpus().skipped().forEach(s -> page.append("<li><code>").append(escape(s.file().toString()))
                    .append("</code>: ").append(escape(s.reason())).append("</li>\n"));
            report.run().failed().forEach(s -> page.append("<li><code>").append(escape(s.file().toString()))
                    .append("</code>: ").append(escape(s.reason())).append("</li>\n"));
            page.append("</ul>\n</details>\n");
        }
    }

    /** A horizontal bar per rule and rule set, on one scale. */
    private void alertsPerRule() {
        List<String> rules = BacktestReport.ruleIds(report.ruleSets());
        List<RuleSet> sets = report.ruleSets();
        long max = 1;
        for (String rule : rules) {
            for (RuleSet set : sets) {
                max = Math.max(max, report.alertCount(set.label(), rule));
            }
        }
        int barHeight = 14;
        int rowHeight = barHeight * sets.size() + 10;
        int height = 24 + rowHeight * rules.size();
        int width = LABEL_WIDTH + BAR_WIDTH + 60;
        page.append("<section id=\"alerts-per-rule\">\n<h2>Alerts per rule</h2>\n");
        svgOpen(width, height, "Alerts per rule over the whole corpus");
        legend(sets.stream().map(s -> "rules " + s.label()).toList(), SET_COLOURS, 0);
        for (int r = 0; r < rules.size(); r++) {
            int top = 24 + r * rowHeight;
            page.append("<text x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(top + rowHeight / 2 + 1)
                    .append("\" class=\"label\" text-anchor=\"end\">").append(escape(clip(rules.get(r), 34)))
                    .append("</text>\n");
            for (int s = 0; s < sets.size(); s++) {
                long n = report.alertCount(sets.get(s).label(), rules.get(r));
                int y = top + s * barHeight;
                int w = (int) Math.round(BAR_WIDTH * (double) n / max);
                page.append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"")
                        .append(Math.max(w, 1)).append("\" height=\"").append(barHeight - 2).append("\" fill=\"")
                        .append(SET_COLOURS[s % SET_COLOURS.length]).append("\"><title>")
                        .append(escape(rules.get(r) + ", rules " + sets.get(s).label() + ": " + count(n, "alert", "alerts")))
                        .append("</title></rect>\n<text x=\"").append(LABEL_WIDTH + w + 4).append("\" y=\"")
                        .append(y + barHeight - 4).append("\" class=\"value\">").append(n).append("</text>\n");
            }
        }
        page.append("</svg>\n</section>\n");
    }

    /** For each rule, four bars on one scale: alerts only in A, only in B, earlier in B, later in B. */
    private void comparison() {
        page.append("<section id=\"compare\">\n<h2>A against B</h2>\n");
        AlertComparison comparison = report.comparison();
        if (comparison == null) {
            page.append("<p class=\"note\">One rule set: run with <code>--compare B.yaml</code> to see which alerts "
                    + "another rule set adds, drops, or raises earlier or later.</p>\n</section>\n");
            return;
        }
        String[] kinds = {"only in A", "only in B", "earlier in B", "later in B"};
        long max = 1;
        for (AlertComparison.Tally t : comparison.byRule().values()) {
            max = Math.max(max, Math.max(Math.max(t.onlyA(), t.onlyB()), Math.max(t.earlier(), t.later())));
        }
        int column = 130;
        int rowHeight = 20;
        int width = LABEL_WIDTH + column * kinds.length + 20;
        int height = 40 + rowHeight * comparison.byRule().size();
        svgOpen(width, height, "Alerts that differ between rule sets A and B, per rule");
        for (int k = 0; k < kinds.length; k++) {
            page.append("<text x=\"").append(LABEL_WIDTH + k * column).append("\" y=\"16\" class=\"label\">")
                    .append(kinds[k]).append("</text>\n");
        }
        int r = 0;
        for (Map.Entry<String, AlertComparison.Tally> e : comparison.byRule().entrySet()) {
            AlertComparison.Tally t = e.getValue();
            int y = 28 + r++ * rowHeight;
            page.append("<text x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(y + 12)
                    .append("\" class=\"label\" text-anchor=\"end\">").append(escape(clip(e.getKey(), 34)))
                    .append("<title>").append(escape(e.getKey() + ": " + t.same() + " alerts the same in A and B"))
                    .append("</title></text>\n");
            int[] counts = {t.onlyA(), t.onlyB(), t.earlier(), t.later()};
            for (int k = 0; k < counts.length; k++) {
                int x = LABEL_WIDTH + k * column;
                int w = (int) Math.round((column - 40) * (double) counts[k] / max);
                page.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"")
                        .append(Math.max(w, counts[k] > 0 ? 2 : 1)).append("\" height=\"14\" fill=\"")
                        .append(counts[k] > 0 ? CHANGE_COLOURS[k] : "#dddddd").append("\"><title>")
                        .append(escape(e.getKey() + ": " + counts[k] + " " + kinds[k])).append("</title></rect>\n")
                        .append("<text x=\"").append(x + w + 4).append("\" y=\"").append(y + 11)
                        .append("\" class=\"value\">").append(counts[k]).append("</text>\n");
            }
        }
        page.append("</svg>\n<p class=\"note\">Alerts are matched by id (call, rule, turn). compare.csv lists each "
                + "one with its call times and the difference.</p>\n</section>\n");
    }

    private void timelines(List<CallReport> calls) {
        page.append("<section id=\"timelines\">\n<h2>Topics minute by minute</h2>\n<p class=\"note\">Pick a call: "
                + "each row is a topic, each column a minute of the call; the darker the cell, the more of the "
                + "topic's words were said in that minute. Marks above are the alerts, at the call time they "
                + "fired.</p>\n<div class=\"browser\">\n<nav class=\"list\">\n<table>\n<thead><tr><th>call</th>"
                + "<th>lines</th><th>topics</th>");
        report.ruleSets().forEach(r -> page.append("<th>alerts ").append(escape(r.label())).append("</th>"));
        page.append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < calls.size(); i++) {
            CallReport c = calls.get(i);
            page.append("<tr><td><a href=\"#call-").append(i + 1).append("\">").append(escape(c.callId()))
                    .append("</a></td><td>").append(c.lines()).append("</td><td>").append(c.firstMentions().size())
                    .append("</td>");
            report.ruleSets().forEach(r -> page.append("<td>").append(c.alerts(r.label()).size()).append("</td>"));
            page.append("</tr>\n");
        }
        page.append("</tbody>\n</table>\n</nav>\n<div class=\"calls\">\n");
        for (int i = 0; i < calls.size(); i++) {
            call(i + 1, calls.get(i));
        }
        page.append("</div>\n</div>\n</section>\n");
    }

    private void call(int number, CallReport call) {
        page.append("<section class=\"call\" id=\"call-").append(number).append("\">\n<h3>")
                .append(escape(call.callId())).append("</h3>\n<p class=\"note\"><code>")
                .append(escape(call.file().toString())).append("</code> (").append(escape(call.format()))
                .append("): ").append(call.lines()).append(" lines, ").append(call.turns()).append(" turns, ")
                .append(call.exchanges()).append(" exchanges, ").append(call.timeline().minutes())
                .append(" minutes</p>\n");
        heatmap(call);
        alertTable(call);
        page.append("</section>\n");
    }

    /** Topics (rows) by minutes (columns), with a row of alert marks per rule set above. */
    private void heatmap(CallReport call) {
        TopicTimeline timeline = call.timeline();
        int minutes = Math.max(1, timeline.minutes());
        int cell = Math.max(4, Math.min(14, 700 / minutes));
        int rowHeight = 16;
        int left = 200;
        List<RuleSet> sets = report.ruleSets();
        int top = 22 + rowHeight * sets.size();
        int width = left + cell * minutes + 20;
        int height = top + rowHeight * Math.max(1, timeline.topics().size()) + 24;
        int most = 1;
        for (TopicTimeline.Row row : timeline.topics()) {
            for (int n : row.mentionsByMinute().values()) {
                most = Math.max(most, n);
            }
        }
        svgOpen(width, height, "Topics per minute of call " + call.callId());
        int step = minutes > 60 ? 10 : 5;
        for (int m = 0; m <= minutes; m += step) {
            int x = left + m * cell;
            page.append("<line x1=\"").append(x).append("\" y1=\"12\" x2=\"").append(x).append("\" y2=\"")
                    .append(height - 20).append("\" class=\"grid\"/>\n<text x=\"").append(x).append("\" y=\"")
                    .append(height - 6).append("\" class=\"value\" text-anchor=\"middle\">").append(m)
                    .append("</text>\n");
        }
        page.append("<text x=\"").append(left - 8).append("\" y=\"").append(height - 6)
                .append("\" class=\"value\" text-anchor=\"end\">minute</text>\n");
        for (int s = 0; s < sets.size(); s++) {
            int y = 14 + s * rowHeight;
            page.append("<text x=\"").append(left - 8).append("\" y=\"").append(y + 11)
                    .append("\" class=\"label\" text-anchor=\"end\">alerts ").append(escape(sets.get(s).label()))
                    .append("</text>\n");
            for (Alert a : call.alerts(sets.get(s).label())) {
                double x = left + cell * (a.getCallOffsetMs() / 60_000.0);
                page.append("<path d=\"M").append(fmt(x - 4)).append(' ').append(y + 2).append(" L")
                        .append(fmt(x + 4)).append(' ').append(y + 2).append(" L").append(fmt(x)).append(' ')
                        .append(y + 12).append(" Z\" fill=\"").append(SET_COLOURS[s % SET_COLOURS.length])
                        .append("\"><title>").append(escape(CallTime.format(a.getCallOffsetMs()) + " "
                                + a.getRuleId() + " (" + a.getSeverity() + "), " + Speakers.name(a.getSpeaker())
                                + ": " + a.getExcerpt())).append("</title></path>\n");
            }
        }
        if (timeline.topics().isEmpty()) {
            page.append("<text x=\"").append(left).append("\" y=\"").append(top + 12)
                    .append("\" class=\"label\">no topic was mentioned</text>\n");
        }
        for (int r = 0; r < timeline.topics().size(); r++) {
            TopicTimeline.Row row = timeline.topics().get(r);
            int y = top + r * rowHeight;
            page.append("<text x=\"").append(left - 8).append("\" y=\"").append(y + 12)
                    .append("\" class=\"label\" text-anchor=\"end\">").append(escape(clip(row.label(), 30)))
                    .append("<title>").append(escape(row.topicId() + ": " + count(row.total(), "mention", "mentions")))
                    .append("</title></text>\n");
            for (Map.Entry<Integer, Integer> e : row.mentionsByMinute().entrySet()) {
                double shade = 0.2 + 0.8 * e.getValue() / most;
                page.append("<rect x=\"").append(left + e.getKey() * cell).append("\" y=\"").append(y + 1)
                        .append("\" width=\"").append(cell - 1).append("\" height=\"").append(rowHeight - 2)
                        .append("\" fill=\"#2f6fb0\" fill-opacity=\"").append(fmt(shade)).append("\"><title>")
                        .append(escape(row.label() + ", minute " + e.getKey() + ": " + e.getValue()
                                + (e.getValue() == 1 ? " mention" : " mentions"))).append("</title></rect>\n");
            }
        }
        page.append("</svg>\n");
    }

    private void alertTable(CallReport call) {
        List<String[]> rows = new ArrayList<>();
        for (RuleSet set : report.ruleSets()) {
            for (Alert a : call.alerts(set.label())) {
                rows.add(new String[] {CallTime.format(a.getCallOffsetMs()), set.label(), a.getRuleId(),
                        a.getSeverity().name(), Speakers.name(a.getSpeaker()), a.getExcerpt()});
            }
        }
        if (rows.isEmpty()) {
            page.append("<p class=\"note\">No alerts.</p>\n");
            return;
        }
        page.append("<table class=\"alerts\">\n<thead><tr><th>time</th><th>rules</th><th>rule</th><th>severity</th>"
                + "<th>speaker</th><th>excerpt</th></tr></thead>\n<tbody>\n");
        for (String[] row : rows) {
            page.append("<tr>");
            for (String cell : row) {
                page.append("<td>").append(escape(cell)).append("</td>");
            }
            page.append("</tr>\n");
        }
        page.append("</tbody>\n</table>\n");
    }

    private void svgOpen(int width, int height, String title) {
        page.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\"><title>").append(escape(title)).append("</title>\n");
    }

    private void legend(List<String> names, String[] colours, int y) {
        int x = LABEL_WIDTH;
        for (int i = 0; i < names.size(); i++) {
            page.append("<rect x=\"").append(x).append("\" y=\"").append(y + 4).append("\" width=\"10\" height=\"10\" ")
                    .append("fill=\"").append(colours[i % colours.length]).append("\"/>\n<text x=\"").append(x + 14)
                    .append("\" y=\"").append(y + 13).append("\" class=\"label\">").append(escape(names.get(i)))
                    .append("</text>\n");
            x += 110;
        }
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }

    /** "1 alert", "2 alerts". */
    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String format(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static final String CSS = """
            body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em 2em; color: #222; }
            h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; } h3 { margin: 0 0 .2em; }
            .facts { padding-left: 1.2em; } .note { color: #555; max-width: 60em; }
            .swatch { display: inline-block; width: .8em; height: .8em; margin-right: .4em; }
            svg { display: block; margin: .5em 0; max-width: 100%; height: auto; }
            svg .label { font-size: 12px; fill: #222; } svg .value { font-size: 11px; fill: #555; }
            svg .grid { stroke: #e4e4e4; stroke-width: 1; }
            .browser { display: flex; gap: 1.5em; align-items: flex-start; }
            .list { max-height: 38em; overflow-y: auto; flex: none; border: 1px solid #ddd; }
            .list table { border-collapse: collapse; font-size: 12px; }
            .list td, .list th { padding: 2px 8px; text-align: right; } .list td:first-child, .list th:first-child { text-align: left; }
            .list thead th { position: sticky; top: 0; background: #f4f4f4; }
            .calls { flex: 1; min-width: 0; }
            .call { display: none; }
            .call:target { display: block; }
            .calls:not(:has(.call:target)) .call:first-child { display: block; }
            table.alerts { border-collapse: collapse; font-size: 12px; margin-top: .5em; }
            table.alerts td, table.alerts th { border-top: 1px solid #eee; padding: 3px 8px; vertical-align: top;
              text-align: left; }
            """;
}
