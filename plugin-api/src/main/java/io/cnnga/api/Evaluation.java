package io.cnnga.api;

/**
 * A trained network's loss, accuracy and predictions on a split.
 *
 * <pre>{@code
 * Evaluation e = session.evaluate(splits.test());
 * long[][] matrix = e.confusionMatrix(splits.test());   // rows: true class, columns: predicted
 * }</pre>
 *
 * @param loss        mean cross-entropy
 * @param accuracy    fraction classified correctly
 * @param predictions predicted class per image, in the split's order
 */
public record Evaluation(double loss, double accuracy, int[] predictions) {

    public Evaluation {
        predictions = predictions.clone();
    }

    @Override
    public int[] predictions() {
        return predictions.clone();
    }

    /** Counts of (true class, predicted class). */
    public long[][] confusionMatrix(ImageSet data) {
        if (data.size() != predictions.length) {
            throw new IllegalArgumentException(predictions.length + " predictions for " + data.size() + " images");
        }
        int classes = data.info().classes();
        long[][] matrix = new long[classes][classes];
        for (int i = 0; i < predictions.length; i++) {
            matrix[data.label(i)][predictions[i]]++;
        }
        return matrix;
    }
}
