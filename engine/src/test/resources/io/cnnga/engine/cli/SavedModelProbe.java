import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Run by SavedModelStandardTest in a JVM whose class path holds TensorFlow Java and nothing of
 * cnnga, with Java's source launcher: loads a SavedModel as anyone would and prints, per image,
 * the most probable class and its probability.
 *
 * java -cp TENSORFLOW_JARS SavedModelProbe.java MODEL_DIR PIXELS_FILE COUNT HEIGHT WIDTH CHANNELS
 * (PIXELS_FILE: COUNT x HEIGHT x WIDTH x CHANNELS float32, little-endian, in [0, 1])
 */
public class SavedModelProbe {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[2]);
        int h = Integer.parseInt(args[3]);
        int w = Integer.parseInt(args[4]);
        int c = Integer.parseInt(args[5]);
        float[] pixels = new float[n * h * w * c];
        ByteBuffer.wrap(Files.readAllBytes(Path.of(args[1]))).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(pixels);
        // As the model's README.md shows it
        try (SavedModelBundle model = SavedModelBundle.load(args[0], "serve");
             TFloat32 images = TFloat32.tensorOf(Shape.of(n, h, w, c), DataBuffers.of(pixels, true, false));
             Result result = model.function("serving_default").call(Map.of("images", images))) {
            TFloat32 p = (TFloat32) result.get("probabilities").orElseThrow();
            int classes = (int) p.shape().get(1);
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int k = 1; k < classes; k++) {
                    if (p.getFloat(i, k) > p.getFloat(i, best)) {
                        best = k;
                    }
                }
                System.out.println(best + " " + p.getFloat(i, best));
            }
        }
    }
}
