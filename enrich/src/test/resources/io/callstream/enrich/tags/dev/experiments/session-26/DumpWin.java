import java.io.*; import java.nio.file.*; import java.util.*;
import com.fasterxml.jackson.databind.*;
import io.callstream.enrich.tags.learned.*;
public class DumpWin {
  public static void main(String[] a) throws Exception {
    SentenceEmbedder emb = DiskCachedEmbedder.of(MiniLmSentenceEmbedder.shared(), Path.of("/tmp/exp/emb-cache.bin"));
    ObjectMapper json = new ObjectMapper(); List<String> texts = new ArrayList<>();
    int back = Integer.parseInt(a[2]);
    for (String line : Files.readAllLines(Path.of(a[0]))) {
      JsonNode ss = json.readTree(line).get("sentences");
      for (int i = 0; i < ss.size(); i++) {
        StringBuilder b = new StringBuilder();
        for (int k = Math.max(0, i - back); k <= i; k++) { if (b.length() > 0) b.append(' '); b.append(ss.get(k).get("text").asText().strip()); }
        texts.add(b.toString());
      }
    }
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(a[1])))) {
      for (String t : texts) for (float f : emb.embed(t)) out.writeFloat(f);
    }
    ((AutoCloseable) emb).close();
    System.err.println("done " + texts.size());
  }
}
