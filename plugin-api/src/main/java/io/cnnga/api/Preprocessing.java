package io.cnnga.api;

/**
 * How a raw image becomes a network's input: the steps a dataset took, which a model card
 * records so that whoever uses the model can repeat them.
 *
 * <pre>{@code
 * Preprocessing p = dataset.preprocessing();
 * p.resize();     // "none": the dataset's images are stored at the input size
 * p.colour();     // "grey"
 * p.scaling();    // "x / 255"
 * }</pre>
 *
 * @param height      the input's height in pixels
 * @param width       the input's width in pixels
 * @param channels    1 (grey), 3 (RGB, in that order), or another count a dataset stores
 * @param resize      {@link #NO_RESIZE} when the dataset's images are stored at the input size, or
 *                    {@link #BILINEAR_STRETCH}: the whole image stretched to {@code height × width}
 *                    (not cropped) with bilinear interpolation, halving first while it is more than
 *                    twice the target
 * @param colour      {@link #GREY} (one stored grey channel), {@link #RGB}, {@link #STORED} (channels
 *                    as the dataset stores them, neither grey nor RGB), or {@link #LUMA}: grey
 *                    made from RGB as ITU-R BT.601 luma {@code (19595 R + 38470 G + 7471 B + 32768) >> 16},
 *                    which Pillow's {@code convert("L")} computes too; transparent pixels are
 *                    composed over white first
 * @param scaling     how bytes 0..255 become the input's floats: {@link #DIVIDE_BY_255}, to [0, 1]
 * @param description what the dataset did, in words, e.g. "idx bytes as stored, / 255"
 */
public record Preprocessing(int height, int width, int channels, String resize, String colour, String scaling,
                            String description) {

    public static final String NO_RESIZE = "none";
    public static final String BILINEAR_STRETCH = "bilinear-stretch";
    public static final String GREY = "grey";
    public static final String RGB = "rgb";
    public static final String LUMA = "luma-bt601";
    public static final String STORED = "stored";
    public static final String DIVIDE_BY_255 = "x / 255";

    public Preprocessing {
        if (height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException("an input's shape must be positive, was " + height + "x" + width + "x" + channels);
        }
        if (!NO_RESIZE.equals(resize) && !BILINEAR_STRETCH.equals(resize)) {
            throw new IllegalArgumentException("resize must be " + NO_RESIZE + " or " + BILINEAR_STRETCH + ", was " + resize);
        }
        int expected = switch (colour == null ? "" : colour) {
            case GREY, LUMA -> 1;
            case RGB -> 3;
            case STORED -> channels;
            default -> throw new IllegalArgumentException("colour must be " + GREY + ", " + RGB + ", " + LUMA + " or "
                    + STORED + ", was " + colour);
        };
        if (expected != channels) {
            throw new IllegalArgumentException("colour " + colour + " does not give " + channels + " channels");
        }
        if (!DIVIDE_BY_255.equals(scaling)) {
            throw new IllegalArgumentException("scaling must be " + DIVIDE_BY_255 + ", was " + scaling);
        }
        if (description == null) {
            description = "";
        }
    }

    /**
     * What a dataset that stores its pixels at the input size, as bytes, does (MNIST's and
     * CIFAR's files): nothing but the scaling.
     */
    public static Preprocessing stored(DataInfo info, String description) {
        String colour = switch (info.channels()) {
            case 1 -> GREY;
            case 3 -> RGB;
            default -> STORED;
        };
        return new Preprocessing(info.height(), info.width(), info.channels(), NO_RESIZE, colour, DIVIDE_BY_255,
                description);
    }
}
