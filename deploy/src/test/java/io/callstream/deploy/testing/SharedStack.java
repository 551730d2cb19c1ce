package io.callstream.deploy.testing;

import io.callstream.deploy.stack.EmbeddedStack;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One embedded stack (a KRaft broker and the registry) for every test class of a test JVM that asks for it: a class
 * with {@code @ExtendWith(SharedStack.class)} gets it as an {@link EmbeddedStack} parameter, in {@code @BeforeAll} or
 * a test. It starts at the first request and is closed by JUnit when the run ends (a value of its root store), so a
 * class does not close it.
 *
 * <p>Sharing holds only for classes that keep to themselves: topics, groups, application and transactional ids named
 * after the test, nothing that reads a whole broker's state, and nothing that stops, restarts or secures the broker.
 * A class that needs any of that starts a stack of its own.
 */
public final class SharedStack implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStack.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedStack.class;
    }

    @Override
    public EmbeddedStack resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(EmbeddedStack.class, type -> EmbeddedStack.start(), EmbeddedStack.class);
    }
}
