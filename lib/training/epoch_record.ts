/**
 * The per-epoch record that {@linkcode fit} appends to its history and that
 * checkpoints carry, in the common result format.
 *
 * @module
 */

/** One epoch's record: plain JSON. Timing fields vary run to run; the rest is deterministic. */
export interface EpochRecord {
  /** 1-based epoch. */
  epoch: number;
  /** Learning rate of the epoch's last step. */
  lr: number;
  /** Mean training loss over the epoch's batches (weighted by batch size). */
  train_loss: number;
  /** Training accuracy over the epoch (running, as Keras reports it). */
  train_accuracy: number;
  /** Validation loss, when a validation set is given. */
  val_loss?: number;
  /** Validation accuracy. */
  val_accuracy?: number;
  /** Validation ROC-AUC (two-class and binary tasks). */
  val_auc?: number;
  /** Training images per second in this epoch (timing). */
  train_images_per_s: number;
}
