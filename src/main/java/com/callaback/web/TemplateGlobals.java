package com.callaback.web;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.qute.TemplateGlobal;

/** Values every page may show, such as whether the simulator is available. */
@TemplateGlobal
public class TemplateGlobals {

    static boolean simulatorEnabled() {
        return ConfigProvider.getConfig().getOptionalValue("callaback.simulator.enabled", Boolean.class).orElse(false);
    }
}
