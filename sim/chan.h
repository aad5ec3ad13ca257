// Go channels for simulated code: Chan<T> is a reference (copies share one channel, the
// default value is the nil channel), unbuffered or buffered, with close and receive-with-ok.
// Send, receive and close are scheduling points. Send on a closed channel, closing a closed
// or nil channel are Go panics (failures of the run). Operations on a nil channel block
// forever. Select (sim/select.h) waits on several channels.
#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <source_location>
#include <utility>

namespace sim {

// The element of Go's `chan struct{}`.
struct Unit {
  bool operator==(const Unit&) const = default;
};

namespace detail {

class ChanCore;  // defined by the runtime; holds wait queues and closed state

// How the runtime moves typed values without knowing their type.
struct ChanOps {
  void (*move_to)(void* dst, void* src);    // *dst = std::move(*src)
  void (*buf_push)(void* box, void* src);   // append std::move(*src) to the buffer
  void (*buf_pop)(void* box, void* dst);    // *dst = pop front of the buffer
  void (*set_zero)(void* dst);              // *dst = T{} (receive on a closed channel)
};

std::shared_ptr<ChanCore> NewChanCore(size_t capacity, const ChanOps* ops, void* box);
void ChanSend(ChanCore* core, void* value, std::source_location loc);
bool ChanRecv(ChanCore* core, void* dst, std::source_location loc);  // false: closed
void ChanClose(ChanCore* core, std::source_location loc);
size_t ChanLen(const ChanCore* core);
size_t ChanCap(const ChanCore* core);
// Blocks forever (an operation on a nil channel).
[[noreturn]] void BlockForever(const char* what, std::source_location loc);

template <typename T>
struct ChanBox {
  std::deque<T> buffer;
  std::shared_ptr<ChanCore> core;

  static const ChanOps* Ops() {
    static const ChanOps ops = {
        [](void* dst, void* src) { *static_cast<T*>(dst) = std::move(*static_cast<T*>(src)); },
        [](void* box, void* src) {
          static_cast<ChanBox*>(box)->buffer.push_back(std::move(*static_cast<T*>(src)));
        },
        [](void* box, void* dst) {
          auto& b = static_cast<ChanBox*>(box)->buffer;
          *static_cast<T*>(dst) = std::move(b.front());
          b.pop_front();
        },
        [](void* dst) { *static_cast<T*>(dst) = T{}; },
    };
    return &ops;
  }
};

}  // namespace detail

template <typename T>
class Chan {
 public:
  // The nil channel.
  Chan() = default;

  // Go's make(chan T, capacity).
  static Chan Make(size_t capacity = 0) {
    Chan c;
    c.box_ = std::make_shared<detail::ChanBox<T>>();
    c.box_->core = detail::NewChanCore(capacity, detail::ChanBox<T>::Ops(), c.box_.get());
    return c;
  }

  void Send(T value, std::source_location loc = std::source_location::current()) const {
    if (!box_) detail::BlockForever("send on nil channel", loc);
    detail::ChanSend(box_->core.get(), &value, loc);
  }

  // Go's `v := <-c`: the zero value once the channel is closed and drained.
  T Recv(std::source_location loc = std::source_location::current()) const {
    T out{};
    RecvOk(&out, loc);
    return out;
  }

  // Go's `v, ok := <-c`: stores the value in *out and returns ok.
  bool RecvOk(T* out, std::source_location loc = std::source_location::current()) const {
    if (!box_) detail::BlockForever("receive from nil channel", loc);
    return detail::ChanRecv(box_->core.get(), out, loc);
  }

  void Close(std::source_location loc = std::source_location::current()) const {
    detail::ChanClose(box_ ? box_->core.get() : nullptr, loc);
  }

  size_t Len() const { return box_ ? detail::ChanLen(box_->core.get()) : 0; }
  size_t Cap() const { return box_ ? detail::ChanCap(box_->core.get()) : 0; }
  bool IsNil() const { return box_ == nullptr; }
  bool operator==(const Chan& o) const { return box_ == o.box_; }

  // For Select: the runtime's view of this channel (nullptr for the nil channel).
  detail::ChanCore* core() const { return box_ ? box_->core.get() : nullptr; }

 private:
  std::shared_ptr<detail::ChanBox<T>> box_;
};

}  // namespace sim
