import java.io.*;
import java.nio.*;
import java.nio.file.*;
import java.util.*;

import com.fasterxml.jackson.databind.*;
import ai.djl.engine.Engine;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.GradientCollector;
import ai.djl.huggingface.tokenizers.*;

/** Spike: MiniLM-L6 (FP32 weights from the ONNX graph) fine-tuned on the dev set's sentence labels. */
public class FineTune {
    static final String[] TOPICS = {"guidance", "production-ramp", "demand", "margins", "cash-burn", "capital-raise",
            "capex", "financing", "opex", "working-capital", "supply-chain", "regulation", "labor", "management",
            "m-and-a", "competition", "technology"};
    static final int T = TOPICS.length, H = 384, HEADS = 12, MAXLEN = 64;
    static Map<String, NDArray> p = new LinkedHashMap<>();

    record Sent(int id, String part, long[] ids, float[] y, float[] known, boolean safe) {}

    public static void main(String[] a) throws Exception {
        int epochs = Integer.parseInt(a[0]);
        double lrEnc = Double.parseDouble(a[1]);
        int limit = a.length > 2 ? Integer.parseInt(a[2]) : Integer.MAX_VALUE;
        Engine engine = Engine.getEngine("PyTorch");
        NDManager m = NDManager.newBaseManager();
        ObjectMapper json = new ObjectMapper();
        loadWeights(m);

        HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(Path.of("/tmp/ft/all-minilm-l6-v2-tokenizer.json"),
                Map.of("maxLength", String.valueOf(MAXLEN), "truncation", "true", "padding", "false"));
        List<Sent> train = new ArrayList<>(), eval = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/tmp/exp/dev.jsonl"))) {
            JsonNode r = json.readTree(line);
            String part = r.get("part").asText();
            Set<String> gold = new HashSet<>();
            r.get("gold").forEach(g -> gold.add(g.asText()));
            for (JsonNode s : r.get("sentences")) {
                Set<String> carries = new HashSet<>();
                s.get("carries").forEach(c -> carries.add(c.asText()));
                float[] y = new float[T], known = new float[T];
                for (int t = 0; t < T; t++) {
                    y[t] = carries.contains(TOPICS[t]) ? 1 : 0;
                    known[t] = !gold.contains(TOPICS[t]) || carries.contains(TOPICS[t]) ? 1 : 0;
                }
                long[] ids = tok.encode(s.get("text").asText()).getIds();
                texts.put(s.get("id").asInt(), s.get("text").asText());
                Sent sent = new Sent(s.get("id").asInt(), part, ids, y, known, s.get("safe").asBoolean());
                (part.equals("train") ? train : eval).add(sent);
            }
        }
        if (epochs < 0) {
            var ref = new dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel();
            for (Sent s0 : eval.subList(0, 20)) {
                try (NDManager bm = m.newSubManager()) {
                    NDArray[] in = inputs(bm, List.of(s0));
                    float[] mine = encode(in[0], in[1]).toFloatArray();
                    float[] theirs = ref.embed(textOf(s0.id())).content().vector();
                    double dot = 0, a2 = 0, b2 = 0;
                    for (int i = 0; i < H; i++) { dot += mine[i] * theirs[i]; a2 += mine[i] * mine[i]; b2 += theirs[i] * theirs[i]; }
                    System.out.printf("cosine %.6f (%d tokens)%n", dot / Math.sqrt(a2 * b2), s0.ids().length);
                }
            }
            return;
        }
        if (limit < train.size()) train = train.subList(0, limit);
        float[] pw = new float[T];
        for (int t = 0; t < T; t++) {
            double pos = 0, neg = 0;
            for (Sent s : train) { if (s.known[t] > 0) { if (s.y[t] > 0) pos++; else neg++; } }
            pw[t] = (float) Math.sqrt(neg / Math.max(pos, 1));
        }
        System.out.printf("train %d sentences, eval %d%n", train.size(), eval.size());
        NDArray posWeightMinus1 = m.create(pw).sub(1);

        // Adam state
        Map<String, NDArray[]> adam = new HashMap<>();
        for (var e : p.entrySet()) if (e.getValue().hasGradient()) adam.put(e.getKey(), new NDArray[]{e.getValue().zerosLike(), e.getValue().zerosLike()});
        Random rnd = new Random(7);
        int step = 0;
        long t0 = System.nanoTime();
        for (int epoch = 0; epoch < epochs; epoch++) {
            List<List<Sent>> batches = batches(train, 32, rnd);
            double lossSum = 0;
            int n = 0;
            for (List<Sent> batch : batches) {
                try (NDManager bm = m.newSubManager()) {
                    NDArray[] in = inputs(bm, batch);
                    NDArray y = bm.create(flat(batch, true), new Shape(batch.size(), T));
                    NDArray known = bm.create(flat(batch, false), new Shape(batch.size(), T));
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        gc.zeroGradients();
                        NDArray logits = head(encode(in[0], in[1]));
                        // weighted BCE with logits: max(z,0) - z*y + log(1+exp(-|z|))
                        NDArray bce = logits.maximum(0).sub(logits.mul(y)).add(logits.abs().neg().exp().add(1).log());
                        NDArray w = y.mul(posWeightMinus1).add(1).mul(known);
                        NDArray loss = bce.mul(w).sum().div(batch.size());
                        gc.backward(loss);
                        float lv = loss.getFloat();
                        if (Float.isNaN(lv)) { System.out.println("NaN loss, step skipped"); continue; }
                        lossSum += lv;
                        n++;
                    }
                    if (!step(adam, ++step, lrEnc)) { System.out.println("non-finite gradient, step skipped"); step--; }
                }
                if (n % 50 == 0) {
                    System.out.printf("epoch %d batch %d/%d loss %.4f %.0f s%n", epoch, n, batches.size(), lossSum / n,
                            (System.nanoTime() - t0) / 1e9);
                }
            }
            System.out.printf("epoch %d done, loss %.4f, %.0f s%n", epoch, lossSum / n, (System.nanoTime() - t0) / 1e9);
            score(m, eval, "/tmp/ft/scores-e" + (epoch + 1) + ".bin");
        }
        System.out.println("scores written");
    }

    static void score(NDManager m, List<Sent> eval, String file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(file)))) {
            for (int i = 0; i < eval.size(); i += 64) {
                List<Sent> batch = eval.subList(i, Math.min(eval.size(), i + 64));
                try (NDManager bm = m.newSubManager()) {
                    NDArray[] in = inputs(bm, batch);
                    float[] s = Activation.sigmoid(head(encode(in[0], in[1]))).toFloatArray();
                    for (int b = 0; b < batch.size(); b++) {
                        out.writeInt(batch.get(b).id());
                        for (int t = 0; t < T; t++) out.writeFloat(s[b * T + t]);
                    }
                }
            }
        }
    }

    /** MiniLM's FP32 weights from /tmp/ft/w (word embeddings frozen) and a new head of T topics, into {@link #p}. */
    static void loadWeights(NDManager m) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode index = json.readTree(new File("/tmp/ft/w/index.json"));
        for (Iterator<String> it = index.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            JsonNode d = index.get(k);
            long[] shape = new long[d.size()];
            for (int i = 0; i < shape.length; i++) shape[i] = d.get(i).asLong();
            byte[] raw = Files.readAllBytes(Path.of("/tmp/ft/w/" + k + ".bin"));
            FloatBuffer fb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            float[] f = new float[fb.remaining()];
            fb.get(f);
            NDArray arr = m.create(f, new Shape(shape));
            arr.setRequiresGradient(!k.equals("embeddings.word_embeddings.weight"));
            p.put(k, arr);
        }
        NDArray headW = m.randomNormal(0, 0.02f, new Shape(H, T), DataType.FLOAT32);
        headW.setRequiresGradient(true);
        NDArray headB = m.zeros(new Shape(T));
        headB.setRequiresGradient(true);
        p.put("head.W", headW);
        p.put("head.b", headB);
    }

    /**
     * One Adam step over the parameters in {@code adam} (their moments), gradients clipped at global norm 1; false, and
     * nothing changed, where the gradient is not finite.
     */
    static boolean step(Map<String, NDArray[]> adam, int step, double lrEnc) {
        double norm2 = 0;
        for (String k : adam.keySet()) { NDArray g = p.get(k).getGradient(); NDArray sqr = g.square(); NDArray sq = sqr.sum(); norm2 += sq.getFloat(); sq.close(); sqr.close(); g.close(); }
        if (!Double.isFinite(norm2)) {
            // DJL's zeroGradients() computes g - g, which leaves NaN where g is infinite: reset the gradients to zero here
            for (String k : adam.keySet()) { NDArray g = p.get(k).getGradient(); g.set(new NDIndex("..."), 0); g.close(); }
            return false;
        }
        double scale = Math.min(1.0, 1.0 / Math.sqrt(norm2 + 1e-12));
        for (var e : adam.entrySet()) {
            NDArray param = p.get(e.getKey());
            NDArray g = param.getGradient();
            NDArray[] s = e.getValue();
            double lr = e.getKey().startsWith("head.") ? 1e-3 : lrEnc;
            NDArray t1 = g.mul(0.1 * scale); s[0].muli(0.9).addi(t1); t1.close();
            NDArray t2 = g.mul(g); t2.muli(0.001 * scale * scale); s[1].muli(0.999).addi(t2); t2.close();
            NDArray mh = s[0].div(1 - Math.pow(0.9, step));
            NDArray den = s[1].div(1 - Math.pow(0.999, step));
            NDArray sq = den.sqrt(); den.close(); sq.addi(1e-8);
            mh.divi(sq).muli(lr);
            param.subi(mh);
            mh.close(); sq.close(); g.close();
        }
        return true;
    }

    static Map<Integer, String> texts = new HashMap<>();
    static String textOf(int id) { return texts.get(id); }

    static List<List<Sent>> batches(List<Sent> all, int size, Random rnd) {
        List<Sent> sorted = new ArrayList<>(all);
        Collections.shuffle(sorted, rnd);
        sorted.sort(Comparator.comparingInt(s -> s.ids().length));
        List<List<Sent>> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i += size) out.add(sorted.subList(i, Math.min(sorted.size(), i + size)));
        Collections.shuffle(out, rnd);
        return out;
    }

    static float[] flat(List<Sent> batch, boolean labels) {
        float[] f = new float[batch.size() * T];
        for (int b = 0; b < batch.size(); b++) System.arraycopy(labels ? batch.get(b).y() : batch.get(b).known(), 0, f, b * T, T);
        return f;
    }

    static NDArray[] inputs(NDManager bm, List<Sent> batch) {
        int len = batch.stream().mapToInt(s -> s.ids().length).max().orElse(1);
        long[] ids = new long[batch.size() * len];
        float[] mask = new float[batch.size() * len];
        for (int b = 0; b < batch.size(); b++) {
            long[] s = batch.get(b).ids();
            for (int i = 0; i < s.length; i++) { ids[b * len + i] = s[i]; mask[b * len + i] = 1; }
        }
        return new NDArray[]{bm.create(ids, new Shape(batch.size(), len)), bm.create(mask, new Shape(batch.size(), len))};
    }

    static NDArray lin(NDArray x, String name) {
        return x.matMul(p.get(name + ".weight")).add(p.get(name + ".bias"));
    }

    static NDArray ln(NDArray x, String name) {
        return LayerNorm.layerNorm(x, new Shape(H), p.get(name + ".weight"), p.get(name + ".bias"), 1e-12f).head();
    }

    /** Mean-pooled last hidden state, as the ONNX model and langchain4j's MEAN pooling give it (not normalised). */
    static NDArray encode(NDArray ids, NDArray mask) {
        long b = ids.getShape().get(0), l = ids.getShape().get(1);
        NDArray x = Embedding.embedding(ids, p.get("embeddings.word_embeddings.weight"), SparseFormat.DENSE).head();
        NDArray pos = p.get("embeddings.position_embeddings.weight").get(new NDIndex("0:" + l));
        pos.attach(ids.getManager());
        NDArray type = p.get("embeddings.token_type_embeddings.weight").get(new NDIndex("0"));
        type.attach(ids.getManager());
        x = ln(x.add(pos).add(type), "embeddings.LayerNorm");
        NDArray bias = mask.sub(1).mul(10000).reshape(b, 1, 1, l);
        for (int i = 0; i < 6; i++) {
            String pre = "encoder.layer." + i + ".";
            NDArray q = lin(x, pre + "attention.self.query").reshape(b, l, HEADS, H / HEADS).transpose(0, 2, 1, 3);
            NDArray k = lin(x, pre + "attention.self.key").reshape(b, l, HEADS, H / HEADS).transpose(0, 2, 3, 1);
            NDArray v = lin(x, pre + "attention.self.value").reshape(b, l, HEADS, H / HEADS).transpose(0, 2, 1, 3);
            NDArray att = q.matMul(k).div(Math.sqrt(H / HEADS)).add(bias).softmax(-1);
            NDArray ctx = att.matMul(v).transpose(0, 2, 1, 3).reshape(b, l, H);
            x = ln(x.add(lin(ctx, pre + "attention.output.dense")), pre + "attention.output.LayerNorm");
            NDArray inter = Activation.gelu(lin(x, pre + "intermediate.dense"));
            x = ln(x.add(lin(inter, pre + "output.dense")), pre + "output.LayerNorm");
        }
        NDArray m3 = mask.reshape(b, l, 1);
        return x.mul(m3).sum(new int[]{1}).div(m3.sum(new int[]{1}));
    }

    static NDArray head(NDArray pooled) {
        return pooled.matMul(p.get("head.W")).add(p.get("head.b"));
    }
}
