package io.cnnga.decoder.paper;

import io.cnnga.api.DecoderFactory;
import io.cnnga.testkit.DecoderContract;
import java.util.List;
import java.util.Map;

/** The paper decoder keeps the plugin kit's decoder contract. */
class PaperDecoderContractTest extends DecoderContract {

    @Override
    protected DecoderFactory factory() {
        return new PaperDecoderFactory();
    }

    @Override
    protected Map<String, Object> invalidOptions() {
        return Map.of(PaperDecoderFactory.MAX_WIDTH, 0, PaperDecoderFactory.HEAD, List.of(-1),
                PaperDecoderFactory.HEAD_DROPOUT, 1.5);
    }
}
