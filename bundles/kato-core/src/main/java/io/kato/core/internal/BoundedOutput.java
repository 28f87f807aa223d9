package io.kato.core.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Passes bytes through until a limit, then fails: uploads are never stored past it. */
final class BoundedOutput extends FilterOutputStream {
    private final long limit;
    private long written;

    BoundedOutput(OutputStream out, long limit) {
        super(out);
        this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
        count(1);
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        count(len);
        out.write(b, off, len);
    }

    private void count(long n) {
        written += n;
        if (written > limit) {
            throw new TooLarge();
        }
    }

    /** The upload passed the limit. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("upload too large");
        }
    }
}
