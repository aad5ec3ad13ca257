// The named scenarios, one file each (scenarios/<name>.cc). registry.cc lists them; a new
// scenario is a file defining one of these functions plus one line there.
#pragma once

#include "scenarios/scenario.h"

namespace scenarios {

Scenario Issue31480Scenario();         // issue31480.cc
Scenario LifetimeExpiryScenario();     // lifetime_expiry.cc
Scenario WaitersOpenFailScenario();    // waiters_open_fail.cc
Scenario TxCancelScenario();           // tx_cancel.cc
Scenario CloseWithWaitersScenario();   // close_with_waiters.cc
Scenario LowerMaxOpenScenario();       // lower_max_open.cc
Scenario BadConnOnReuseScenario();     // bad_conn_on_reuse.cc

}  // namespace scenarios
