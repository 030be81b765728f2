/**
 * What the service and its launcher share, so that neither copies the other: the modes, the problem types, the
 * cluster view, the environment a node reads, the fault endpoints' limits and how a client retries with its key.
 * Plain Java (and Jackson annotations), in the contract module with {@code domain} and {@code sql}: the launcher
 * depends on that module, never on the service.
 */
package dev.ledger.contract;
