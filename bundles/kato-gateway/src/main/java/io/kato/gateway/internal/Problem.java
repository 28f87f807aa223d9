package io.kato.gateway.internal;

/** What the gateway answers itself, as problem details, instead of proxying. */
record Problem(int status, String title, String detail) {
}
