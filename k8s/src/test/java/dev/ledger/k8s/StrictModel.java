package dev.ledger.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Parses Kubernetes YAML into the fabric8 Kubernetes model and refuses what the model does not know: an unknown
 * kind, or a field that is misspelt, misplaced or of the wrong type. The model is lenient by design (it keeps such
 * fields in {@code additionalProperties}, and wrongly typed ones too), so every parsed object is walked for them.
 */
final class StrictModel {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final KubernetesSerialization MODEL = new KubernetesSerialization();

    private StrictModel() {
    }

    /** Every document of a multi-document YAML stream, typed; fails listing every problem found. */
    static List<HasMetadata> parseAll(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                String where = document.path("kind").asText("?") + " "
                        + document.path("metadata").path("name").asText("?");
                try {
                    Object parsed = MODEL.unmarshal(document.toString());
                    if (parsed instanceof HasMetadata object && !(parsed instanceof GenericKubernetesResource)) {
                        unknownFields(object, "", problems, where);
                        objects.add(object);
                    } else {
                        problems.add(where + ": not a Kubernetes object the model knows ("
                                + document.path("apiVersion").asText("no apiVersion") + ")");
                    }
                } catch (RuntimeException e) {
                    problems.add(where + ": " + rootCause(e).getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid Kubernetes objects:\n  " + String.join("\n  ", problems));
        }
        return objects;
    }

    /** Walks the model objects (their fields, lists and maps) and reports every additional property. */
    private static void unknownFields(Object value, String path, List<String> problems, String where) {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems, where);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> unknownFields(item, path + "." + key, problems, where));
        } else if (value != null && value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api")) {
            for (Class<?> type = value.getClass(); type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers())) {
                        continue;
                    }
                    Object fieldValue = read(field, value);
                    if (field.getName().equals("additionalProperties")) {
                        ((Map<?, ?>) fieldValue).keySet()
                                .forEach(key -> problems.add(where + ": unknown field " + path + "." + key));
                    } else {
                        unknownFields(fieldValue, path + "." + field.getName(), problems, where);
                    }
                }
            }
        }
    }

    /** The model wraps Jackson's exception, whose message names the field, in one that says little. */
    private static Throwable rootCause(Throwable e) {
        return e.getCause() == null ? e : rootCause(e.getCause());
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
