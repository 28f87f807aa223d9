package io.kato.api.model;

/**
 * Storage or a config file a component's instances see at a path.
 *
 * @param name    lower-case letters, digits and '-', unique in the component
 * @param type    what it is
 * @param path    an absolute path in the instance's file system: the folder a volume is
 *                mounted at, or the config file's own path
 * @param sizeMb  the capacity asked for (volumes; a config file has none)
 * @param content a config file's text (at most 512 KB); null for volumes. Shown to every
 *                reader of the component: secrets belong in secret env vars
 */
public record Volume(String name, VolumeType type, String path, Integer sizeMb, String content) {
}
