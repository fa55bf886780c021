package com.example.cnnga;

import io.cnnga.api.DatasetFactory;
import io.cnnga.api.DecoderFactory;
import io.cnnga.api.Plugin;
import java.util.List;

/**
 * The one class the engine looks for, named in
 * {@code src/main/resources/META-INF/services/io.cnnga.api.Plugin}: it offers a decoder and a
 * dataset.
 */
public final class ExamplePlugin implements Plugin {

    @Override
    public List<DecoderFactory> decoders() {
        return List.of(new TwelveBitDecoderFactory());
    }

    @Override
    public List<DatasetFactory> datasets() {
        return List.of(new CsvImagesDatasetFactory());
    }
}
