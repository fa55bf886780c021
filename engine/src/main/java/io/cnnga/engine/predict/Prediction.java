package io.cnnga.engine.predict;

import java.util.Arrays;

/**
 * What the model made of one image: its most probable classes, best first.
 *
 * <pre>{@code
 * Prediction p = Prediction.of("shoe.png", probabilities, 0, 10, 3, 7);
 * p.classes()[0];        // the predicted class
 * p.probabilities()[0];  // its probability
 * p.correct();           // the prediction is the label 7
 * }</pre>
 *
 * @param image         the image's name: its path, or {@code FILE#INDEX} for an image of an idx file
 * @param classes       the top classes, most probable first
 * @param probabilities their probabilities, in the same order
 * @param label         the true class, -1 when the image has no label
 */
record Prediction(String image, int[] classes, float[] probabilities, int label) {

    /**
     * The top {@code k} of row {@code row} of a batch's {@code [N × classes]} probabilities; ties go
     * to the lower class index, as an argmax does.
     */
    static Prediction of(String image, float[] batch, int row, int classCount, int k, int label) {
        int[] top = new int[Math.min(k, classCount)];
        float[] p = new float[top.length];
        Arrays.fill(top, -1);
        for (int c = 0; c < classCount; c++) {
            float v = batch[row * classCount + c];
            for (int i = 0; i < top.length; i++) {
                if (top[i] < 0 || v > p[i]) {
                    System.arraycopy(top, i, top, i + 1, top.length - i - 1);
                    System.arraycopy(p, i, p, i + 1, p.length - i - 1);
                    top[i] = c;
                    p[i] = v;
                    break;
                }
            }
        }
        return new Prediction(image, top, p, label);
    }

    /** The predicted class. */
    int predicted() {
        return classes[0];
    }

    boolean labelled() {
        return label >= 0;
    }

    boolean correct() {
        return labelled() && predicted() == label;
    }
}
