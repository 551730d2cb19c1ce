import java.io.*;
import java.nio.*;
import java.nio.file.*;
import java.util.*;

import com.fasterxml.jackson.databind.*;
import ai.djl.engine.Engine;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import ai.djl.huggingface.tokenizers.*;

/** Spike: MiniLM fine-tuned on turn labels, a turn read as chunks of whole sentences, its logits the chunks' maximum. */
public class FineTuneTurns {
    static final int T = FineTune.T, H = FineTune.H, CHUNK = 126;

    record Turn(String part, int index, List<long[]> chunks, float[] y) {}

    public static void main(String[] a) throws Exception {
        int epochs = Integer.parseInt(a[0]);
        double lrEnc = Double.parseDouble(a[1]);
        Engine engine = Engine.getEngine("PyTorch");
        NDManager m = NDManager.newBaseManager();
        ObjectMapper json = new ObjectMapper();
        FineTune.loadWeights(m);
        Map<String, NDArray> p = FineTune.p;

        HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(Path.of("/tmp/ft/all-minilm-l6-v2-tokenizer.json"),
                Map.of("maxLength", "512", "truncation", "true", "padding", "false"));
        List<Turn> train = new ArrayList<>(), eval = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/tmp/exp/dev.jsonl"))) {
            JsonNode r = json.readTree(line);
            String part = r.get("part").asText();
            Set<String> gold = new HashSet<>();
            r.get("gold").forEach(g -> gold.add(g.asText()));
            float[] y = new float[T];
            for (int t = 0; t < T; t++) y[t] = gold.contains(FineTune.TOPICS[t]) ? 1 : 0;
            List<long[]> chunks = new ArrayList<>();
            List<Long> current = new ArrayList<>();
            for (JsonNode s : r.get("sentences")) {
                if (s.get("safe").asBoolean()) continue;
                long[] ids = tok.encode(s.get("text").asText()).getIds();
                long[] body = Arrays.copyOfRange(ids, 1, Math.min(ids.length - 1, 1 + CHUNK)); // no [CLS] [SEP]
                if (!current.isEmpty() && current.size() + body.length > CHUNK) {
                    chunks.add(wrap(current));
                    current.clear();
                }
                for (long id : body) current.add(id);
            }
            if (!current.isEmpty()) chunks.add(wrap(current));
            if (chunks.isEmpty()) chunks.add(wrap(List.of()));
            if (chunks.size() > 12) chunks = chunks.subList(0, 12); // the longest openings: their first 1,500 tokens
            Turn turn = new Turn(part, r.get("turn").asInt(), chunks, y);
            (part.equals("train") ? train : eval).add(turn);
        }
        float[] pw = new float[T];
        for (int t = 0; t < T; t++) {
            double pos = 0;
            for (Turn s : train) pos += s.y()[t];
            pw[t] = (float) Math.min(5, Math.sqrt((train.size() - pos) / Math.max(pos, 1)));
        }
        NDArray pwMinus1 = m.create(pw).sub(1);
        System.out.printf("train %d turns, eval %d%n", train.size(), eval.size());
        Map<String, NDArray[]> adam = new LinkedHashMap<>();
        for (var e : p.entrySet()) if (e.getValue().hasGradient()) adam.put(e.getKey(), new NDArray[]{e.getValue().zerosLike(), e.getValue().zerosLike()});
        Random rnd = new Random(7);
        int step = 0;
        long t0 = System.nanoTime();
        for (int epoch = 0; epoch < epochs; epoch++) {
            List<List<Turn>> batches = batches(train, rnd);
            double lossSum = 0;
            int n = 0;
            for (List<Turn> batch : batches) {
                try (NDManager bm = m.newSubManager()) {
                    NDArray y = bm.create(flat(batch), new Shape(batch.size(), T));
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        gc.zeroGradients();
                        NDArray logits = turnLogits(bm, batch);
                        NDArray bce = logits.maximum(0).sub(logits.mul(y)).add(logits.abs().neg().exp().add(1).log());
                        NDArray w = y.mul(pwMinus1).add(1);
                        NDArray loss = bce.mul(w).sum().div(batch.size());
                        gc.backward(loss);
                        float lv = loss.getFloat();
                        if (Float.isNaN(lv)) { System.out.println("NaN loss, skipped"); continue; }
                        lossSum += lv;
                        n++;
                    }
                    if (!FineTune.step(adam, ++step, lrEnc)) { System.out.println("non-finite gradient, skipped"); step--; }
                }
                if (n % 25 == 0) System.out.printf("epoch %d batch %d/%d loss %.4f %.0f s%n", epoch, n, batches.size(), lossSum / Math.max(n, 1), (System.nanoTime() - t0) / 1e9);
            }
            System.out.printf("epoch %d done, loss %.4f, %.0f s%n", epoch, lossSum / n, (System.nanoTime() - t0) / 1e9);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream("/tmp/ft/turns-e" + (epoch + 1) + ".bin")))) {
                for (int i = 0; i < eval.size(); i += 8) {
                    List<Turn> batch = eval.subList(i, Math.min(eval.size(), i + 8));
                    try (NDManager bm = m.newSubManager()) {
                        float[] s = Activation.sigmoid(turnLogits(bm, batch)).toFloatArray();
                        for (int b = 0; b < batch.size(); b++) {
                            out.writeInt(batch.get(b).index());
                            for (int t = 0; t < T; t++) out.writeFloat(s[b * T + t]);
                        }
                    }
                }
            }
        }
    }

    static long[] wrap(List<Long> body) {
        long[] ids = new long[body.size() + 2];
        ids[0] = 101; // [CLS]
        for (int i = 0; i < body.size(); i++) ids[i + 1] = body.get(i);
        ids[ids.length - 1] = 102; // [SEP]
        return ids;
    }

    /** Each turn's logits: the maximum over its chunks, the chunks of a batch padded to one count and one length. */
    static NDArray turnLogits(NDManager bm, List<Turn> batch) {
        int k = batch.stream().mapToInt(t -> t.chunks().size()).max().orElse(1);
        int len = batch.stream().flatMap(t -> t.chunks().stream()).mapToInt(c -> c.length).max().orElse(2);
        long[] ids = new long[batch.size() * k * len];
        float[] mask = new float[batch.size() * k * len];
        float[] chunkBias = new float[batch.size() * k * T];
        for (int b = 0; b < batch.size(); b++) {
            List<long[]> chunks = batch.get(b).chunks();
            for (int c = 0; c < k; c++) {
                int row = (b * k + c) * len;
                long[] chunk = c < chunks.size() ? chunks.get(c) : new long[]{101, 102};
                for (int i = 0; i < chunk.length; i++) { ids[row + i] = chunk[i]; mask[row + i] = 1; }
                if (c >= chunks.size()) Arrays.fill(chunkBias, (b * k + c) * T, (b * k + c + 1) * T, -10000f);
            }
        }
        NDArray pooled = FineTune.encode(bm.create(ids, new Shape((long) batch.size() * k, len)),
                bm.create(mask, new Shape((long) batch.size() * k, len)));
        NDArray logits = FineTune.head(pooled).add(bm.create(chunkBias, new Shape((long) batch.size() * k, T)));
        return logits.reshape(batch.size(), k, T).max(new int[]{1});
    }

    static List<List<Turn>> batches(List<Turn> all, Random rnd) {
        List<Turn> sorted = new ArrayList<>(all);
        Collections.shuffle(sorted, rnd);
        sorted.sort(Comparator.comparingInt(t -> t.chunks().size() * 1000 + t.chunks().get(0).length));
        List<List<Turn>> out = new ArrayList<>();
        List<Turn> current = new ArrayList<>();
        int chunks = 0;
        for (Turn t : sorted) {
            int c = t.chunks().size();
            if (!current.isEmpty() && (current.size() + 1) * Math.max(c, chunks) > 32) {
                out.add(current);
                current = new ArrayList<>();
                chunks = 0;
            }
            current.add(t);
            chunks = Math.max(chunks, c);
        }
        if (!current.isEmpty()) out.add(current);
        Collections.shuffle(out, rnd);
        return out;
    }

    static float[] flat(List<Turn> batch) {
        float[] f = new float[batch.size() * T];
        for (int b = 0; b < batch.size(); b++) System.arraycopy(batch.get(b).y(), 0, f, b * T, T);
        return f;
    }
}
