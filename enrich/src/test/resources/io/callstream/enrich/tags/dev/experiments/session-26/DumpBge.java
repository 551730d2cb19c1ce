import java.io.*; import java.nio.file.*; import java.util.*;
import com.fasterxml.jackson.databind.*;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.data.segment.TextSegment;
public class DumpBge {
  public static void main(String[] a) throws Exception {
    var model = new BgeSmallEnV15QuantizedEmbeddingModel();
    ObjectMapper json = new ObjectMapper(); List<String> texts = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(a[0]))) for (JsonNode s : json.readTree(line).get("sentences")) texts.add(s.get("text").asText());
    long t0=System.nanoTime();
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(a[1])))) {
      for (int i = 0; i < texts.size(); i += 32) {
        List<TextSegment> seg = texts.subList(i, Math.min(texts.size(), i + 32)).stream().map(TextSegment::from).toList();
        for (var e : model.embedAll(seg).content()) for (float f : e.vector()) out.writeFloat(f);
        if (i % 3200 == 0) System.err.println(i + " " + (System.nanoTime()-t0)/1e9);
      }
    }
    System.err.println("done " + texts.size() + " in " + (System.nanoTime()-t0)/1e9);
  }
}
