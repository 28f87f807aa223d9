package io.kato.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.util.IdentityHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML as compose files are written: anchors and aliases resolved, merge keys kept as
 * {@code <<} for the caller, and scalars read as their text except plain integers,
 * booleans and nulls — so {@code 22:22} stays a port mapping instead of YAML 1.1's base-60
 * number 1342.
 */
final class Yaml {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Yaml() {
    }

    static JsonNode read(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(100); // a few anchors are normal; a billion laughs is not
        options.setCodePointLimit(4 * 1024 * 1024);
        Node root;
        try {
            root = new org.yaml.snakeyaml.Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark at = e.getProblemMark();
            throw new SpecException("The compose file is not valid YAML" + (at == null ? "" : " (line "
                    + (at.getLine() + 1) + ", column " + (at.getColumn() + 1) + ")") + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw new SpecException("The compose file is not valid YAML: " + e.getMessage());
        }
        return root == null ? null : convert(root, new IdentityHashMap<>(), 0, new int[1]);
    }

    /** Aliases are copied where used: a chain of them could multiply a small file into billions of nodes. */
    private static final int MAX_NODES = 200_000;

    private static JsonNode convert(Node node, Map<Node, Boolean> path, int depth, int[] count) {
        if (depth > 64 || path.containsKey(node)) {
            throw new SpecException("The compose file nests too deep or refers to itself through an alias");
        }
        if (++count[0] > MAX_NODES) {
            throw new SpecException("The compose file expands to more than " + MAX_NODES + " values through its"
                    + " aliases: write it out without nesting them");
        }
        if (node instanceof ScalarNode s) {
            Tag tag = s.getTag();
            String v = s.getValue();
            if (tag.equals(Tag.NULL)) {
                return NODES.nullNode();
            }
            if (tag.equals(Tag.BOOL)) {
                return NODES.booleanNode(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes")
                        || v.equalsIgnoreCase("on") || v.equalsIgnoreCase("y"));
            }
            if (tag.equals(Tag.INT) && v.matches("-?[0-9]{1,9}")) {
                return NODES.numberNode(Integer.parseInt(v));
            }
            return NODES.textNode(v);
        }
        path.put(node, Boolean.TRUE);
        try {
            if (node instanceof SequenceNode seq) {
                var array = NODES.arrayNode();
                seq.getValue().forEach(item -> array.add(convert(item, path, depth + 1, count)));
                return array;
            }
            MappingNode map = (MappingNode) node;
            ObjectNode object = NODES.objectNode();
            for (NodeTuple t : map.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : String.valueOf(t.getKeyNode());
                object.set(key, convert(t.getValueNode(), path, depth + 1, count));
            }
            return object;
        } finally {
            path.remove(node);
        }
    }
}
