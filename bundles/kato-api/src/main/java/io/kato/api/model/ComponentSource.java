package io.kato.api.model;

/**
 * Where a component's source lives, as its source check found it.
 *
 * @param kind    git, svn or archive
 * @param url     the repository
 * @param ref     the branch, tag or commit asked for, or null for the default
 * @param subdir  the service's folder in the repository, or null
 * @param checkId the source check the component was created from
 */
public record ComponentSource(String kind, String url, String ref, String subdir, String checkId) {
}
