package io.cnnga.api;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemoteWorkerTest {

    static Object roundTrip(Object value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    @Test
    void travelsAsJavaSerializationWithItsPluginFolders() throws Exception {
        RemoteWorker worker = new RemoteWorker(List.of("/opt/cnnga/plugins.d", "/home/me/plugins"));
        RemoteWorker back = (RemoteWorker) roundTrip(worker);
        assertThat(back.pluginFolders()).containsExactly("/opt/cnnga/plugins.d", "/home/me/plugins");
    }

    @Test
    void withoutAnEngineOnTheClassPathItSaysWhatIsMissing() {
        // This module's tests have the API and no engine.
        assertThatThrownBy(() -> new RemoteWorker(List.of()).run("{}", null, TrainingListener.NONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no cnnga engine on the class path of this JVM (it needs the engine's class path, "
                        + "RemoteTrials.classPath())");
    }
}
