package org.optim.report.html;

import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * The report's one FreeMarker {@link Configuration}, set up as the FreeMarker manual advises: UTF-8,
 * {@code RETHROW_HANDLER}, no logging of template exceptions, unchecked exceptions wrapped,
 * {@link Locale#ROOT}, UTC. Templates are {@code .ftlh} (HTML auto-escaping); a template error fails.
 */
public final class Templates {
    private static final Configuration CONFIGURATION = configuration();

    private Templates() {
    }

    private static Configuration configuration() {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setClassForTemplateLoading(Templates.class, "/org/optim/report/templates");
        cfg.setDefaultEncoding("UTF-8");
        cfg.setOutputEncoding("UTF-8");
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setLocale(Locale.ROOT);
        cfg.setTimeZone(TimeZone.getTimeZone("UTC"));
        cfg.setNumberFormat("computer");
        return cfg;
    }

    /** Renders {@code template} with {@code model}; any template error is an {@link IllegalStateException}. */
    public static String render(String template, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        try {
            CONFIGURATION.getTemplate(template).process(model, out);
        } catch (TemplateException e) {
            throw new IllegalStateException("template " + template + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
