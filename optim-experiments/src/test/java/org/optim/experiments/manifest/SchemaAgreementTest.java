package org.optim.experiments.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schema shipped in {@code experiments/schema/} and {@link ManifestReader} agree: both
 * accept every shipped manifest, and both reject every mutation of one (an unknown field in any
 * object, a wrong type at any leaf, a negative learning rate, a missing required field), the
 * reader naming the mutated pointer.
 */
class SchemaAgreementTest {
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        JsonNode node = Json.STRICT.readTree(Files.readAllBytes(Manifests.schema()));
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
    }

    private static boolean schemaAccepts(JsonNode manifest) {
        return schema.validate(manifest).isEmpty();
    }

    /** The reader's error, or null when it accepts. */
    private static String readerError(JsonNode manifest) {
        try {
            ManifestReader.read("m.json", Json.write(manifest).getBytes(StandardCharsets.UTF_8));
            return null;
        } catch (ManifestException e) {
            return e.getMessage();
        }
    }

    @Test
    void bothAcceptEveryShippedManifest() throws Exception {
        for (Path p : Manifests.shipped()) {
            JsonNode m = Json.STRICT.readTree(Files.readAllBytes(p));
            assertThat(schema.validate(m)).as(p.toString()).isEmpty();
            assertThat(readerError(m)).as(p.toString()).isNull();
        }
    }

    @Test
    void bothRejectEveryMutationAndTheReaderNamesIt() throws Exception {
        int mutations = 0;
        for (Path p : Manifests.shipped()) {
            ObjectNode original = (ObjectNode) Json.STRICT.readTree(Files.readAllBytes(p));
            List<String> pointers = new ArrayList<>();
            collect(original, "", pointers);
            for (String at : pointers) {
                JsonNode target = original.at(at);
                if (target.isObject() && !at.endsWith("/values") && !at.endsWith("/grid")) {
                    mutations += check(original, at + "/zzUnknown", m -> ((ObjectNode) m.at(at)).put("zzUnknown", 1));
                } else if (target.isNumber() || target.isBoolean()) {
                    mutations += check(original, at, m -> set(m, at, TextNode.valueOf("1")));
                } else if (target.isTextual()) {
                    mutations += check(original, at, m -> set(m, at, Json.STRICT.getNodeFactory().numberNode(7)));
                }
                if (at.endsWith("/hyperparameters/lr") || at.matches(".*/grid/lr/\\d+")) {
                    mutations += check(original, at, m -> set(m, at, Json.STRICT.getNodeFactory().numberNode(-0.001)));
                }
            }
            for (String required : List.of("name", "title", "seeds", "epochs", "arms")) {
                mutations += check(original, "/" + required, m -> ((ObjectNode) m).remove(required));
            }
        }
        assertThat(mutations).isGreaterThan(200);
    }

    private static int check(ObjectNode original, String pointer, Consumer<JsonNode> mutate) {
        JsonNode m = original.deepCopy();
        mutate.accept(m);
        assertThat(schemaAccepts(m)).as("schema accepted a mutation at " + pointer).isFalse();
        String error = readerError(m);
        assertThat(error).as("reader accepted a mutation at " + pointer).isNotNull();
        assertThat(error).as("reader error for " + pointer).startsWith("m.json: " + pointer);
        return 1;
    }

    private static void set(JsonNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String key = pointer.substring(slash + 1);
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(key), value);
        } else {
            ((ObjectNode) parent).set(key, value);
        }
    }

    private static void collect(JsonNode node, String at, List<String> out) {
        if (!at.isEmpty()) {
            out.add(at);
        }
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                collect(node.get(k), at + "/" + k, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), at + "/" + i, out);
            }
        }
    }
}
