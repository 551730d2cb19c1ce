package io.callstream.deploy.manifests;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files of {@code deploy/} as data: each YAML document, and each container that runs the callstream
 * image with its command line and environment, from the compose file and the Kubernetes manifests alike.
 */
final class DeploymentFiles {

    /** The module's folder: Surefire runs with it as the working directory. */
    static final Path DEPLOY = Path.of(".");
    static final Path COMPOSE = DEPLOY.resolve("compose").resolve("compose.yaml");
    static final Path K8S = DEPLOY.resolve("k8s");
    static final Path MONITORING = DEPLOY.resolve("monitoring");
    static final String IMAGE = "callstream:latest";
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\(([A-Z0-9_]+)\\)");

    /**
     * A container of the callstream image.
     *
     * @param where         file and service or Deployment, for messages
     * @param args          its arguments, as the image's entrypoint receives them (values, not YAML types)
     * @param argTypes      each argument's YAML type: Kubernetes takes only strings
     * @param environment   the variables it is given, by name (value null where a Secret gives it)
     * @param substitutions the variables its arguments name as {@code $(NAME)}, which Kubernetes substitutes
     */
    record Container(String where, List<String> args, List<Class<?>> argTypes, Map<String, String> environment,
                     List<String> substitutions, Map<String, Object> spec) {

        String command() {
            return args.isEmpty() ? "" : args.get(0).equals("ingest") && args.size() > 1 ? "ingest " + args.get(1)
                    : args.get(0);
        }

        String option(String name) {
            int at = args.indexOf(name);
            return at < 0 || at + 1 >= args.size() ? null : args.get(at + 1);
        }
    }

    private DeploymentFiles() {
    }

    static List<Path> files(String... suffixes) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(COMPOSE.getParent(), K8S, MONITORING)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile)
                        .filter(f -> Stream.of(suffixes).anyMatch(s -> f.getFileName().toString().endsWith(s)))
                        .sorted().forEach(files::add);
            }
        }
        return files;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file)) {
            for (Object document : new Yaml().loadAll(in)) {
                if (document != null) {
                    documents.add((Map<String, Object>) document);
                }
            }
        }
        return documents;
    }

    static List<Map<String, Object>> k8sDocuments() throws IOException {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Path file : files(".yaml")) {
            if (file.startsWith(K8S)) {
                all.addAll(documents(file));
            }
        }
        return all;
    }

    static List<Map<String, Object>> k8sOfKind(String kind) throws IOException {
        return k8sDocuments().stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> composeServices() throws IOException {
        return (Map<String, Object>) documents(COMPOSE).get(0).get("services");
    }

    /** The compose services of the callstream image, with their command and environment. */
    @SuppressWarnings("unchecked")
    static List<Container> composeContainers() throws IOException {
        List<Container> containers = new ArrayList<>();
        for (Map.Entry<String, Object> e : composeServices().entrySet()) {
            Map<String, Object> service = (Map<String, Object>) e.getValue();
            if (!IMAGE.equals(service.get("image"))) {
                continue;
            }
            List<Object> command = (List<Object>) service.getOrDefault("command", List.of());
            Map<String, String> environment = new LinkedHashMap<>();
            ((Map<String, Object>) service.getOrDefault("environment", Map.of()))
                    .forEach((name, value) -> environment.put(name, String.valueOf(value)));
            containers.add(container("compose service " + e.getKey(), command, environment, service));
        }
        return containers;
    }

    /** The Kubernetes containers of the callstream image: args, env and the ConfigMaps their envFrom names. */
    @SuppressWarnings("unchecked")
    static List<Container> k8sContainers() throws IOException {
        Map<String, Map<String, Object>> configMaps = new LinkedHashMap<>();
        for (Map<String, Object> map : k8sOfKind("ConfigMap")) {
            configMaps.put(name(map), (Map<String, Object>) map.get("data"));
        }
        List<Container> containers = new ArrayList<>();
        for (Map<String, Object> deployment : k8sOfKind("Deployment")) {
            for (Map<String, Object> c : podSpecContainers(deployment)) {
                if (!IMAGE.equals(c.get("image"))) {
                    continue;
                }
                Map<String, String> environment = new LinkedHashMap<>();
                for (Map<String, Object> from : (List<Map<String, Object>>) c.getOrDefault("envFrom", List.of())) {
                    Map<String, Object> ref = (Map<String, Object>) from.get("configMapRef");
                    Map<String, Object> data = configMaps.get((String) ref.get("name"));
                    if (data == null) {
                        throw new AssertionError(name(deployment) + " takes its environment from ConfigMap "
                                + ref.get("name") + ", which no manifest defines");
                    }
                    data.forEach((k, v) -> environment.put(k, String.valueOf(v)));
                }
                for (Map<String, Object> env : (List<Map<String, Object>>) c.getOrDefault("env", List.of())) {
                    Object value = env.get("value");
                    environment.put((String) env.get("name"), value == null ? null : String.valueOf(value));
                }
                containers.add(container("Deployment " + name(deployment) + " container " + c.get("name"),
                        (List<Object>) c.getOrDefault("args", List.of()), environment, c));
            }
        }
        return containers;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> podSpecContainers(Map<String, Object> deployment) {
        Map<String, Object> spec = (Map<String, Object>) deployment.get("spec");
        Map<String, Object> template = (Map<String, Object>) spec.get("template");
        Map<String, Object> podSpec = (Map<String, Object>) template.get("spec");
        return (List<Map<String, Object>>) podSpec.get("containers");
    }

    @SuppressWarnings("unchecked")
    static String name(Map<String, Object> document) {
        return (String) ((Map<String, Object>) document.get("metadata")).get("name");
    }

    private static Container container(String where, List<Object> command, Map<String, String> environment,
                                       Map<String, Object> spec) {
        List<String> args = new ArrayList<>();
        List<Class<?>> types = new ArrayList<>();
        List<String> substitutions = new ArrayList<>();
        for (Object arg : command) {
            args.add(String.valueOf(arg));
            types.add(arg == null ? Void.class : arg.getClass());
            Matcher m = SUBSTITUTION.matcher(String.valueOf(arg));
            while (m.find()) {
                substitutions.add(m.group(1));
            }
        }
        return new Container(where, List.copyOf(args), List.copyOf(types), environment, List.copyOf(substitutions),
                spec);
    }
}
