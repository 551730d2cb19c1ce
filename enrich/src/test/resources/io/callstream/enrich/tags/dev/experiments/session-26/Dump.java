import java.io.*;
import java.nio.*;
import java.nio.file.*;
import java.util.*;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.avro.*;
import io.callstream.backtest.evaluate.*;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.tags.TurnSentences;
import io.callstream.enrich.tags.learned.*;
import io.callstream.ingest.source.CallOverrides;

public class Dump {
    public static void main(String[] a) throws Exception {
        // args: out-prefix, then part=gold=transcript triples
        EnrichOptions options = EnrichOptions.defaults();
        Set<String> known = EnrichOptions.topicIds(options.taxonomies());
        SentenceEmbedder emb = DiskCachedEmbedder.of(MiniLmSentenceEmbedder.shared(), Path.of("/tmp/exp/emb-cache.bin"));
        ObjectMapper json = new ObjectMapper();
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(a[0] + ".jsonl")));
             DataOutputStream vec = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(a[0] + ".f32")))) {
            int sid = 0;
            for (int i = 1; i < a.length; i++) {
                String[] p = a[i].split("=");
                GoldSet gold = GoldSet.read(Path.of(p[1]), known);
                List<EnrichedTurn> finals = TagEvaluation.finals(options, Path.of(p[2]), null, CallOverrides.NONE);
                if (finals.size() != gold.turns().size()) throw new IllegalStateException(a[i] + " cut differs");
                for (int t = 0; t < finals.size(); t++) {
                    EnrichedTurn et = finals.get(t);
                    String text = et.getTurn().getText();
                    GoldSet.GoldTurn g = gold.turns().get(t);
                    String matchable = TurnSentences.withoutSafeHarbour(text);
                    List<Map<String, Object>> sents = new ArrayList<>();
                    for (TurnSentences.Sentence s : TurnSentences.of(text)) {
                        Set<String> carries = new TreeSet<>();
                        g.evidence().forEach((topic, spans) -> {
                            if (spans.stream().anyMatch(x -> x.start() < s.end() && s.start() < x.end())) carries.add(topic);
                        });
                        boolean safe = matchable.substring(s.start(), s.end()).isBlank();
                        float[] v = emb.embed(s.of(text));
                        for (float f : v) vec.writeFloat(f);
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("id", sid++); m.put("start", s.start()); m.put("end", s.end()); m.put("carries", carries);
                        m.put("safe", safe); m.put("text", s.of(text));
                        sents.add(m);
                    }
                    Set<String> rules = new TreeSet<>();
                    for (TopicTag tag : et.getTopics()) rules.add(tag.getTopicId());
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("part", p[0]); row.put("call", Path.of(p[1]).getFileName().toString().replace(".gold.jsonl", ""));
                    row.put("turn", t); row.put("role", String.valueOf(et.getTurn().getSpeaker().getRole()));
                    row.put("speaker", String.valueOf(et.getTurn().getSpeaker().getName()));
                    row.put("gold", new TreeSet<>(g.topics())); row.put("rules", rules); row.put("sentences", sents);
                    out.println(json.writeValueAsString(row));
                }
                System.err.println(a[i] + " " + finals.size());
            }
        }
        ((AutoCloseable) emb).close();
    }
}
