package io.kato.api.source;

import java.time.Duration;

/**
 * Limits every fetch must honour, from {@code etc/io.kato.source.cfg}.
 *
 * @param timeout              the whole fetch
 * @param maxBytes             bytes written into the target
 * @param maxFiles             files written into the target
 * @param allowPrivateNetworks whether hosts resolving to private or loopback addresses may be contacted
 * @param allowFileUrls        whether {@code file://} and local paths may be fetched
 */
public record FetchLimits(Duration timeout, long maxBytes, long maxFiles, boolean allowPrivateNetworks,
                          boolean allowFileUrls) {
}
