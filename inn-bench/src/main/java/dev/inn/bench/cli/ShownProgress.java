package dev.inn.bench.cli;

import dev.inn.api.method.ProgressListener;

/**
 * Progress shown for the length of a command ({@link ConsoleProgress#forConsole()}): a command
 * opens it in a try-with-resources, and closing it ends a bar still open.
 */
interface ShownProgress extends ProgressListener, AutoCloseable {

  @Override
  void close();
}
