package org.linuxfpsync.netlink.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** NetlinkConfig instances as SCR would make them: the annotation's defaults, some overridden. */
final class TestConfigs {
    private TestConfigs() {
    }

    static NetlinkConfig defaults() {
        return with(Map.of());
    }

    static NetlinkConfig with(Map<String, Object> properties) {
        return (NetlinkConfig) Proxy.newProxyInstance(NetlinkConfig.class.getClassLoader(),
                new Class<?>[] {NetlinkConfig.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class || method.getName().equals("annotationType")) {
                        return method.getName().equals("annotationType") ? NetlinkConfig.class
                                : method.invoke(properties, args);
                    }
                    return properties.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
