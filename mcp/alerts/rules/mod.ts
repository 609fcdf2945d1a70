/** Every alert rule, in the order they run and are listed. */
import type { AlertRule } from "../rule.ts";
import { arrHealth } from "./arr_health.ts";
import { containerRestarting } from "./container_restarting.ts";
import { containerUnhealthy } from "./container_unhealthy.ts";
import { diskSpace } from "./disk_space.ts";
import { downloadFailed } from "./download_failed.ts";
import { serviceDown } from "./service_down.ts";
import { stuckDownload } from "./stuck_download.ts";

export const ALERT_RULES: readonly AlertRule[] = [
  stuckDownload,
  downloadFailed,
  diskSpace,
  serviceDown,
  arrHealth,
  containerUnhealthy,
  containerRestarting,
];
