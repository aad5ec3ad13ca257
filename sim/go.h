// The Go-semantics primitives simulated code is written against: include this and nothing
// of the scheduler. The pool port (model/) uses sim/ only through these headers.
#pragma once

#include "sim/chan.h"
#include "sim/choice.h"
#include "sim/context.h"
#include "sim/goroutine.h"
#include "sim/mutex.h"
#include "sim/select.h"
#include "sim/sync.h"
#include "sim/time.h"
#include "sim/timer.h"
