package io.github.busgen.processor.diag;

/**
 * Receives diagnostics. The annotation processor prints them through javac's {@code Messager};
 * other callers of the {@link io.github.busgen.processor.Generator} collect them.
 */
@FunctionalInterface
public interface Reporter {
    /** Reports {@code message}, formatted with {@code args}, at {@code where}. */
    void report(Message message, Location where, Object... args);

    /**
     * A reporter that passes everything to {@code delegate} and remembers whether an error went
     * through: the processor gives one to each interface, so that one bad interface stops only its
     * own generation.
     */
    static Counting counting(Reporter delegate) {
        return new Counting(delegate);
    }

    /** See {@link #counting(Reporter)}. */
    final class Counting implements Reporter {
        private final Reporter delegate;
        private int errors;

        private Counting(Reporter delegate) {
            this.delegate = delegate;
        }

        @Override
        public void report(Message message, Location where, Object... args) {
            if (message.severity() == Severity.ERROR) {
                errors++;
            }
            delegate.report(message, where, args);
        }

        /** Whether an error was reported. */
        public boolean hasErrors() {
            return errors > 0;
        }
    }
}
