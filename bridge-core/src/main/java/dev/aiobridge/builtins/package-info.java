/**
 * Python's built-in exceptions that aiobridge raises with CPython's messages, as their own Java classes
 * so that a handler for one of them never catches another, nor one of Java's own exceptions, by
 * accident.
 *
 * <table>
 * <caption>Python's exceptions and their Java classes</caption>
 * <tr><th>Python</th><th>aiobridge</th><th>extends</th></tr>
 * <tr><td>{@code RuntimeError}</td><td>{@link dev.aiobridge.builtins.RuntimeError}</td>
 *     <td>{@link java.lang.IllegalStateException}</td></tr>
 * <tr><td>{@code RecursionError}</td><td>{@link dev.aiobridge.builtins.RecursionError}</td>
 *     <td>{@link dev.aiobridge.builtins.RuntimeError}</td></tr>
 * <tr><td>{@code RuntimeError('Event loop is closed')}</td><td>{@link dev.aiobridge.asyncio.LoopClosedError}</td>
 *     <td>{@link dev.aiobridge.builtins.RuntimeError}</td></tr>
 * <tr><td>{@code ValueError}</td><td>{@link dev.aiobridge.builtins.ValueError}</td>
 *     <td>{@link java.lang.IllegalArgumentException}</td></tr>
 * <tr><td>{@code TypeError}</td><td>{@link dev.aiobridge.builtins.TypeError}</td>
 *     <td>{@link java.lang.IllegalArgumentException}</td></tr>
 * <tr><td>{@code StopIteration}, {@code GeneratorExit}</td>
 *     <td>{@link dev.aiobridge.builtins.StopIteration}, {@link dev.aiobridge.builtins.GeneratorExit}</td>
 *     <td>{@link java.lang.RuntimeException}, {@link java.lang.Error}</td></tr>
 * <tr><td>{@code StopAsyncIteration}</td><td>{@link dev.aiobridge.builtins.StopAsyncIteration}</td>
 *     <td>{@link java.lang.RuntimeException}</td></tr>
 * <tr><td>{@code asyncio.CancelledError} (a {@code BaseException})</td>
 *     <td>{@link dev.aiobridge.asyncio.CancelledError}</td><td>{@link java.lang.Error}</td></tr>
 * <tr><td>{@code asyncio.InvalidStateError}</td><td>{@link dev.aiobridge.asyncio.InvalidStateError}</td>
 *     <td>{@link java.lang.IllegalStateException}</td></tr>
 * <tr><td>{@code TimeoutError}</td><td>{@link dev.aiobridge.asyncio.TimeoutError}</td>
 *     <td>{@link java.lang.RuntimeException}</td></tr>
 * </table>
 *
 * <p>Catching {@code RuntimeError} catches only Python's RuntimeErrors; catching Java's
 * {@code IllegalStateException} still catches them too (and {@code InvalidStateError}), as a Java
 * programmer expects of a wrong-state error. {@code ValueError} and {@code TypeError} are siblings:
 * neither catches the other. Misuse that Python cannot express (a null argument, a negative prefetch
 * of a Reactor operator) raises Java's own exceptions.
 */
package dev.aiobridge.builtins;
