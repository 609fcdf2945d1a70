/** A state store over the fake runtime, the fake event stream and manual time, started and live. */
import {
  createStateStore,
  type StateStoreOptions,
} from "../../../../../../mcp/clients/runtime/store/state_store.ts";
import type { ContainerStateStore } from "../../../../../../mcp/clients/runtime/store/store_types.ts";
import { type FakeEvents, fakeEvents } from "./_fake_events.ts";
import { type FakeContainer, type FakeRuntime, fakeRuntime } from "./_fake_runtime.ts";
import { type ManualTime, manualTime } from "./_manual_time.ts";

export interface StoreFixture extends AsyncDisposable {
  store: ContainerStateStore;
  rt: FakeRuntime;
  ev: FakeEvents;
  time: ManualTime;
}

export async function liveStore(
  containers: readonly FakeContainer[],
  options: Partial<StateStoreOptions> = {},
): Promise<StoreFixture> {
  const rt = fakeRuntime(containers);
  const ev = fakeEvents();
  const time = manualTime();
  const store = createStateStore({
    runtime: rt.runtime,
    events: ev.source,
    clock: time.clock,
    timers: time.timers,
    ...options,
  });
  store.start();
  await time.settle();
  return { store, rt, ev, time, [Symbol.asyncDispose]: () => store.stop() };
}
