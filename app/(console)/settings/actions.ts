"use server";

import { actionOf } from "@/lib/actions/server-action";
import * as settings from "@/lib/settings/operations";

const onSettingsPage = { revalidate: ["/settings"] };

export const saveAccountSettings = actionOf(settings.saveAccountSettings, onSettingsPage);
export const saveAdditionalRoles = actionOf(settings.saveAdditionalRoles, onSettingsPage);
