package io.cnnga.backend.pytorch;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.util.Map;
import java.util.Optional;

/**
 * Turns libtorch's NNPACK off in this process, as {@code torch.backends.nnpack.set_flags(False)}
 * does in Python.
 *
 * <pre>{@code
 * PyTorchRuntime.engine(0);                            // libtorch loaded
 * Nnpack.disable(PyTorchRuntime.processMaps());         // true: NNPACK is off from now on
 * Nnpack.enabled(PyTorchRuntime.processMaps());         // Optional[false]
 * }</pre>
 *
 * <p>Why: libtorch asks NNPACK whether it can run a convolution only when oneDNN has declined it:
 * batches of fewer than 16 images through a small layer, as in the inference latency measured at
 * batch 1. Where NNPACK cannot initialise (on this project's 2-core AMD EPYC virtual machine its
 * CPU probe fails), every such question logs "Could not initialize NNPACK! Reason: Unsupported
 * hardware." on stderr: 1,000 lines in a search of 4 networks with the {@code latency} objective.
 * NNPACK would not have run those convolutions anyway (libtorch gives it only batches of 16 or
 * more, which oneDNN takes first), so turning it off changes no kernel and only skips the
 * question. DJL has no method for it, so this calls libtorch's
 * {@code at::globalContext().setUserEnabledNNPACK(false)} through JNA.
 *
 * @implSpec Linux only (libtorch is found in {@code /proc/self/maps}); elsewhere, or when the
 *           symbols are missing, nothing changes and {@link #disable} answers false. Call after
 *           libtorch has loaded; thread-safe.
 */
final class Nnpack {

    private static final String LIBRARY = "/libtorch_cpu.so";
    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_ENABLED = "_ZN2at7Context20setUserEnabledNNPACKEb";
    private static final String ENABLED = "_ZNK2at7Context17userEnabledNNPACKEv";
    /** dlopen's RTLD_LAZY | RTLD_NOLOAD: the copy already loaded, never a second one, and not made global. */
    private static final int ALREADY_LOADED = 0x1 | 0x4;

    private Nnpack() {
    }

    /** Turns NNPACK off in the libtorch that {@code procMaps} shows loaded; whether that was possible. */
    static synchronized boolean disable(String procMaps) {
        return context(procMaps).map(c -> {
            c.setEnabled().invokeVoid(new Object[] {c.context(), Boolean.FALSE});
            return true;
        }).orElse(false);
    }

    /** Whether libtorch will consider NNPACK; empty when that cannot be asked. */
    static synchronized Optional<Boolean> enabled(String procMaps) {
        return context(procMaps).map(c -> (c.enabled().invokeInt(new Object[] {c.context()}) & 0xff) != 0);
    }

    /** libtorch's {@code at::globalContext()} and the two methods of it called here. */
    private record Context(Pointer context, Function setEnabled, Function enabled) {
    }

    private static Optional<Context> context(String procMaps) {
        Optional<String> path = loadedLibrary(procMaps);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            NativeLibrary library = NativeLibrary.getInstance(path.get(), Map.of(Library.OPTION_OPEN_FLAGS, ALREADY_LOADED));
            Pointer context = library.getFunction(GLOBAL_CONTEXT).invokePointer(new Object[0]);
            return Optional.of(new Context(context, library.getFunction(SET_ENABLED), library.getFunction(ENABLED)));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** The path of the libtorch that {@code procMaps} (a Linux process's {@code /proc/PID/maps}) shows loaded. */
    static Optional<String> loadedLibrary(String procMaps) {
        return procMaps.lines()
                .filter(line -> line.endsWith(LIBRARY))
                .map(line -> line.substring(line.indexOf('/')))
                .findFirst();
    }
}
