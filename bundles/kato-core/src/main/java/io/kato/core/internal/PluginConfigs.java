package io.kato.core.internal;

import io.kato.api.ValidationException;
import io.kato.api.model.PluginConfigGroup;
import io.kato.api.model.PluginConfigItem;
import io.kato.api.model.PluginConfigItem.ParamType;
import io.kato.api.model.PluginInstall;
import io.kato.api.model.Port;
import io.kato.api.plugin.PluginInstallation;
import io.kato.api.plugin.PluginType;
import io.kato.api.plugin.PluginType.DependentMetadata;
import io.kato.api.plugin.PluginType.Injection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A plugin's config groups checked against its type, and the values of an installation
 * checked against the groups of its version and resolved into what the plugin gets: its
 * env vars, the items served by discovery, and the values per port and per downstream port.
 */
final class PluginConfigs {
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern ITEM = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final int MAX_GROUPS = 32;
    private static final int MAX_ITEMS = 64;
    static final int MAX_VALUE = 4096;

    private PluginConfigs() {
    }

    /** A port of a component the installation's component depends on, and where it is reached. */
    record Downstream(String component, int port, String protocol, String address) {
        String key() {
            return component + ":" + port;
        }
    }

    /** The config groups as stored: defaults filled in, every rule of the type and of each item met. */
    static List<PluginConfigGroup> valid(List<PluginConfigGroup> groups, PluginType type) {
        if (groups.size() > MAX_GROUPS) {
            throw ValidationException.of("configGroups", "a plugin has at most " + MAX_GROUPS + " config groups");
        }
        List<PluginConfigGroup> out = new ArrayList<>();
        Set<String> groupNames = new HashSet<>();
        Set<String> itemNames = new HashSet<>();
        for (int g = 0; g < groups.size(); g++) {
            PluginConfigGroup group = groups.get(g);
            String at = "configGroups[" + g + "]";
            if (group == null) {
                throw ValidationException.of(at, "is empty: give a name, metadata, injection and items");
            }
            if (group.name() == null || !GROUP.matcher(group.name()).matches()) {
                throw ValidationException.of(at + ".name", "needs 1 to 63 letters, digits, '-' and '_' (is "
                        + group.name() + ")");
            }
            if (!groupNames.add(group.name())) {
                throw ValidationException.of(at + ".name", "'" + group.name() + "' is the name of another group");
            }
            DependentMetadata metadata = group.metadata() == null ? DependentMetadata.NONE : group.metadata();
            if (!type.allowedMetadata().contains(metadata)) {
                throw ValidationException.of(at + ".metadata", "a " + type.name() + " plugin's groups depend on "
                        + names(type.allowedMetadata()) + ", not " + metadata);
            }
            Injection injection = group.injection() != null ? group.injection()
                    : metadata == DependentMetadata.NONE ? Injection.ENV : Injection.DISCOVERY;
            if (!type.allowedInjections().contains(injection)) {
                throw ValidationException.of(at + ".injection", "a " + type.name() + " plugin takes its config by "
                        + names(type.allowedInjections()) + ", not " + injection);
            }
            if (metadata != DependentMetadata.NONE && injection == Injection.ENV) {
                throw ValidationException.of(at + ".injection", "values set per port cannot all be env vars of one"
                        + " container: a " + metadata + " group is served by discovery");
            }
            if (group.items().isEmpty() || group.items().size() > MAX_ITEMS) {
                throw ValidationException.of(at + ".items", "a group has 1 to " + MAX_ITEMS + " items");
            }
            List<PluginConfigItem> items = new ArrayList<>();
            for (int i = 0; i < group.items().size(); i++) {
                items.add(validItem(group.items().get(i), at + ".items[" + i + "]", metadata, injection, itemNames));
            }
            out.add(new PluginConfigGroup(group.name(), metadata, injection, items));
        }
        return out;
    }

    private static PluginConfigItem validItem(PluginConfigItem item, String at, DependentMetadata metadata,
                                              Injection injection, Set<String> taken) {
        if (item == null) {
            throw ValidationException.of(at, "is empty: give at least a name");
        }
        Pattern names = injection == Injection.ENV ? ENV_NAME : ITEM;
        if (item.name() == null || !names.matcher(item.name()).matches()) {
            throw ValidationException.of(at + ".name", injection == Injection.ENV
                    ? "must be an env var name: a letter or '_', then letters, digits and '_' (is " + item.name() + ")"
                    : "needs 1 to 128 letters, digits, '_', '.' and '-' (is " + item.name() + ")");
        }
        if (!taken.add(item.name())) {
            throw ValidationException.of(at + ".name", "'" + item.name() + "' is already an item of this plugin");
        }
        if (item.protocol() != null && metadata == DependentMetadata.NONE) {
            throw ValidationException.of(at + ".protocol", "only items set per port apply to a protocol: leave it"
                    + " out, or make the group depend on component_port or downstream_port");
        }
        ParamType type = item.type() == null ? ParamType.STRING : item.type();
        List<String> allowed = item.allowed();
        if (type == ParamType.STRING && !allowed.isEmpty()) {
            throw ValidationException.of(at + ".allowed", "a string item takes any text: make it single or multiple"
                    + " to choose among values");
        }
        if (type != ParamType.STRING) {
            if (allowed.isEmpty() || allowed.size() > 64) {
                throw ValidationException.of(at + ".allowed", "a " + type + " item needs 1 to 64 values to choose"
                        + " from");
            }
            if (allowed.stream().anyMatch(v -> v == null || v.isBlank() || v.length() > 256
                    || type == ParamType.MULTIPLE && v.contains(","))) {
                throw ValidationException.of(at + ".allowed", "values are non-blank text of at most 256 characters"
                        + (type == ParamType.MULTIPLE ? ", without ',' (it separates the chosen ones)" : ""));
            }
            if (Set.copyOf(allowed).size() != allowed.size()) {
                throw ValidationException.of(at + ".allowed", "lists a value twice");
            }
        }
        PluginConfigItem valid = new PluginConfigItem(item.name(), item.protocol(), type, allowed,
                item.defaultValue(), item.userMayChange(), item.description() == null ? "" : item.description());
        if (item.defaultValue() != null) {
            checkValue(at + ".defaultValue", valid, item.defaultValue());
        } else if (!valid.userMayChange()) {
            throw ValidationException.of(at + ".defaultValue", "an item users cannot change needs a default");
        }
        if (valid.description().length() > 1000) {
            throw ValidationException.of(at + ".description", "has at most 1000 characters");
        }
        return valid;
    }

    /** A value for the item: text of bounded length, or the item's allowed value(s). */
    static void checkValue(String at, PluginConfigItem item, String value) {
        if (value == null) {
            throw ValidationException.of(at, "has no value: leave the item out to keep its default");
        }
        if (value.length() > MAX_VALUE || value.indexOf('\0') >= 0) {
            throw ValidationException.of(at, "must be text of at most " + MAX_VALUE + " characters");
        }
        switch (item.type()) {
            case SINGLE -> {
                if (!item.allowed().contains(value)) {
                    throw ValidationException.of(at, "must be one of " + item.allowed() + " (is " + value + ")");
                }
            }
            case MULTIPLE -> {
                List<String> chosen = value.isBlank() ? List.of() : List.of(value.split(",", -1)).stream()
                        .map(String::strip).toList();
                for (String c : chosen) {
                    if (!item.allowed().contains(c)) {
                        throw ValidationException.of(at, "takes comma-separated values among " + item.allowed()
                                + " ('" + c + "' is not one)");
                    }
                }
                if (Set.copyOf(chosen).size() != chosen.size()) {
                    throw ValidationException.of(at, "names a value twice");
                }
            }
            default -> {
                // any text
            }
        }
    }

    /** What an installation resolves to, before the plugin's type renders it. */
    record Resolved(Map<String, String> env, Map<String, String> items, List<PluginInstallation.PortConfig> ports,
                    List<PluginInstallation.DownstreamConfig> downstream) {
    }

    /**
     * Checks the installation's values against the version's groups and the component's
     * ports and dependencies, and resolves them with the defaults. {@code strict} is for a
     * new installation; a stored one whose component lost a port or a dependency since is
     * resolved leniently, the values for what is gone being left aside.
     */
    static Resolved resolve(List<PluginConfigGroup> groups, PluginInstall install, List<Port> ports,
                            List<Downstream> downstream, boolean strict) {
        Map<String, PluginConfigItem> plain = items(groups, DependentMetadata.NONE);
        Map<String, PluginConfigItem> perPort = items(groups, DependentMetadata.COMPONENT_PORT);
        Map<String, PluginConfigItem> perDownstream = items(groups, DependentMetadata.DOWNSTREAM_PORT);
        for (var v : install.values().entrySet()) {
            checkSet("values." + v.getKey(), plain.get(v.getKey()), v.getValue(), plain, "depends on nothing");
        }
        Map<String, Port> portsByKey = new LinkedHashMap<>();
        ports.forEach(p -> portsByKey.put(Integer.toString(p.port()), p));
        Map<String, Downstream> downstreamByKey = new LinkedHashMap<>();
        downstream.forEach(d -> downstreamByKey.put(d.key(), d));
        if (strict) {
            checkKeys("ports", install.ports(), portsByKey.keySet(), "the component has no port");
            checkKeys("downstream", install.downstream(), downstreamByKey.keySet(),
                    "the component depends on no component port");
        }
        for (var p : install.ports().entrySet()) {
            Port port = portsByKey.get(p.getKey());
            if (port != null && p.getValue() != null) {
                for (var v : p.getValue().entrySet()) {
                    String at = "ports." + p.getKey() + "." + v.getKey();
                    checkSet(at, perPort.get(v.getKey()), v.getValue(), perPort, "is set per component port");
                    checkProtocol(at, perPort.get(v.getKey()), port.protocol().toString(), "port " + p.getKey());
                }
            }
        }
        for (var d : install.downstream().entrySet()) {
            Downstream target = downstreamByKey.get(d.getKey());
            if (target != null && d.getValue() != null) {
                for (var v : d.getValue().entrySet()) {
                    String at = "downstream." + d.getKey() + "." + v.getKey();
                    checkSet(at, perDownstream.get(v.getKey()), v.getValue(), perDownstream,
                            "is set per downstream port");
                    checkProtocol(at, perDownstream.get(v.getKey()), target.protocol(), d.getKey());
                }
            }
        }
        Map<String, String> env = new TreeMap<>();
        Map<String, String> discovered = new TreeMap<>();
        for (PluginConfigGroup g : groups) {
            if (g.metadata() == DependentMetadata.NONE) {
                for (PluginConfigItem item : g.items()) {
                    String value = install.values().getOrDefault(item.name(), item.defaultValue());
                    if (value != null) {
                        (g.injection() == Injection.ENV ? env : discovered).put(item.name(), value);
                    }
                }
            }
        }
        List<PluginInstallation.PortConfig> portConfigs = new ArrayList<>();
        for (var e : portsByKey.entrySet()) {
            String protocol = e.getValue().protocol().toString();
            portConfigs.add(new PluginInstallation.PortConfig(e.getValue().port(), protocol,
                    values(perPort, protocol, install.ports().get(e.getKey()))));
        }
        List<PluginInstallation.DownstreamConfig> downstreamConfigs = new ArrayList<>();
        for (var e : downstreamByKey.entrySet()) {
            Downstream d = e.getValue();
            downstreamConfigs.add(new PluginInstallation.DownstreamConfig(d.component(), d.port(), d.protocol(),
                    d.address(), values(perDownstream, d.protocol(), install.downstream().get(e.getKey()))));
        }
        return new Resolved(env, discovered, portConfigs, downstreamConfigs);
    }

    private static Map<String, PluginConfigItem> items(List<PluginConfigGroup> groups, DependentMetadata metadata) {
        Map<String, PluginConfigItem> out = new LinkedHashMap<>();
        groups.stream().filter(g -> g.metadata() == metadata).forEach(g -> g.items().forEach(i -> out.put(i.name(), i)));
        return out;
    }

    private static void checkSet(String at, PluginConfigItem item, String value, Map<String, PluginConfigItem> known,
                                 String kind) {
        if (item == null) {
            throw ValidationException.of(at, "the plugin version has no item of that name that " + kind
                    + (known.isEmpty() ? " (it has none)" : " (its items: " + String.join(", ", known.keySet()) + ")"));
        }
        checkValue(at, item, value);
        if (!item.userMayChange() && !value.equals(item.defaultValue())) {
            throw ValidationException.of(at, "is fixed by the plugin at '" + item.defaultValue() + "': leave it out");
        }
    }

    private static void checkProtocol(String at, PluginConfigItem item, String protocol, String where) {
        if (item.protocol() != null && !item.protocol().toString().equals(protocol)) {
            throw ValidationException.of(at, "applies to " + item.protocol() + " ports, and " + where + " speaks "
                    + protocol);
        }
    }

    private static void checkKeys(String field, Map<String, Map<String, String>> given, Set<String> known,
                                  String missing) {
        for (String key : given.keySet()) {
            if (!known.contains(key)) {
                throw ValidationException.of(field + "." + key, missing + " " + key + (known.isEmpty() ? ""
                        : " (it has " + String.join(", ", known) + ")"));
            }
        }
    }

    /** The items that apply to a port of this protocol: the user's values over the defaults. */
    private static Map<String, String> values(Map<String, PluginConfigItem> items, String protocol,
                                              Map<String, String> set) {
        Map<String, String> out = new TreeMap<>();
        for (PluginConfigItem item : items.values()) {
            if (item.protocol() == null || item.protocol().toString().equals(protocol)) {
                String value = set == null ? item.defaultValue() : set.getOrDefault(item.name(), item.defaultValue());
                if (value != null) {
                    out.put(item.name(), value);
                }
            }
        }
        return out;
    }

    private static String names(Set<? extends Enum<?>> values) {
        return String.join(", ", values.stream().map(Object::toString).sorted().toList());
    }
}
