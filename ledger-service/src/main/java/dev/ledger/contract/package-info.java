/**
 * What the service and its launcher share, so that neither copies the other: the modes, the problem types, the
 * cluster view, the environment a node reads, the fault endpoints' limits and how a client retries with its key.
 * Plain Java (and Jackson annotations): the launcher puts this module's jar on its class path without any of the
 * service's dependencies.
 */
package dev.ledger.contract;
