package io.cnnga.engine.report;

/**
 * Text made safe to put into HTML and SVG, between tags and in quoted attribute values: the one
 * escaper of the report, the network diagram and {@code compare.html}.
 *
 * <pre>{@code
 * Html.escape("a <small> & \"odd\" net");   // a &lt;small&gt; &amp; &quot;odd&quot; net
 * }</pre>
 */
public final class Html {

    private Html() {
    }

    public static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
