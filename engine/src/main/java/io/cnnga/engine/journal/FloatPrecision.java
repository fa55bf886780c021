package io.cnnga.engine.journal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;

/**
 * Numbers the journal keeps in float precision (histogram edges: a float's seven digits say all
 * there is to say), written as the shortest decimal of the float and read back as the double of
 * that decimal, so that a value made here and one read from a journal are the same double.
 *
 * <pre>{@code
 * double edge = FloatPrecision.of(0.1 + 0.2);   // 0.3, as "0.3" reads
 * }</pre>
 */
final class FloatPrecision extends StdSerializer<double[]> {

    private static final long serialVersionUID = 1L;

    FloatPrecision() {
        super(double[].class);
    }

    /** The double that the float nearest to {@code value}, written out and read back, is. */
    static double of(double value) {
        return Double.parseDouble(Float.toString((float) value));
    }

    @Override
    public void serialize(double[] values, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeStartArray(values, values.length);
        for (double v : values) {
            gen.writeNumber((float) v);
        }
        gen.writeEndArray();
    }
}
