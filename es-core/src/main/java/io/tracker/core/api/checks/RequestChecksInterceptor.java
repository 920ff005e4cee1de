package io.tracker.core.api.checks;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Checks a {@link CheckedRequests} method's parameters before it runs; throws {@link InvalidRequestException}. */
@CheckedRequests
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 800)
public class RequestChecksInterceptor {

    @AroundInvoke
    Object check(InvocationContext context) throws Exception {
        RequestChecks.parameters(context.getMethod()).check(context.getParameters());
        return context.proceed();
    }
}
