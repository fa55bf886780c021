/**
 * Building blocks a plugin may use to behave exactly like the built-in plugins; none of them is
 * required by the contract in {@link io.cnnga.api}.
 *
 * <p>{@link io.cnnga.api.support.TrainingLoop} is the training session of every built-in backend:
 * the epoch loop written once around a backend's {@link io.cnnga.api.support.TrainingSteps}, which
 * are all a new backend has to write. {@link io.cnnga.api.support.BackendOptions} reads the
 * {@code backend.options} both built-in backends take; {@link io.cnnga.api.support.DeviceChoice} parses the one device syntax
 * ({@code auto}, {@code cpu}, {@code gpu:N}); {@link io.cnnga.api.support.GlorotUniform} draws
 * initial weights in layer order from one seeded generator, so that backends start from the same
 * weights for a seed; {@link io.cnnga.api.support.BatchNormStatistics} and
 * {@link io.cnnga.api.support.ChannelMoments} recompute batch norm's statistics after an epoch;
 * {@link io.cnnga.api.support.MemoryEstimate} refuses a network too large for the machine before a
 * framework allocates it; {@link io.cnnga.api.support.EpochTally} counts an epoch's steps into its
 * {@link io.cnnga.api.EpochMetrics}; {@link io.cnnga.api.support.ReferenceNetworks} builds the
 * networks {@code bench} measures; {@link io.cnnga.api.support.DataBudget} checks what a dataset's
 * headers promise against the heap before anything is allocated for it, and turns an
 * {@link OutOfMemoryError} while loading into an error naming the file;
 * {@link io.cnnga.api.support.ImageFiles} reads image files and {@link io.cnnga.api.support.ImagePixels}
 * makes input bytes of an image (stretched, RGB or grey), as the image-folder dataset and the
 * engine's {@code predict} both do.
 */
package io.cnnga.api.support;
