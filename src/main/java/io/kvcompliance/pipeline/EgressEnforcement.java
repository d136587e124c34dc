package io.kvcompliance.pipeline;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.http.HttpEndpoint;

/**
 * Keeps every HTTP endpoint on the guarded client: an endpoint that brings its own client configurer
 * or connection manager (an edited route setting httpClientConfigurer, clientConnectionManager, a proxy
 * or credentials) would run without the egress guard, so it is refused when it is created.
 */
final class EgressEnforcement implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        context.getCamelContextExtension().registerEndpointCallback((uri, endpoint) -> check(context, endpoint));
    }

    private static Endpoint check(CamelContext context, Endpoint endpoint) {
        if (endpoint instanceof HttpEndpoint http) {
            Object configurer = context.getRegistry().lookupByName("egressHttpClientConfigurer");
            Object connections = context.getRegistry().lookupByName("azureConnections");
            if (http.getHttpClientConfigurer() != configurer || http.getClientConnectionManager() != connections) {
                throw new IllegalStateException("Refused endpoint " + endpoint.getEndpointBaseUri() + ": it brings its own"
                        + " HTTP client settings (httpClientConfigurer, clientConnectionManager, proxy or credentials),"
                        + " which would bypass the egress guard. Azure calls go through direct:azure-get only.");
            }
        }
        return endpoint;
    }
}
