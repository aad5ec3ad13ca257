// The fake driver's driver::Rows: a snapshot of the rows a query matched, handed out one
// Next call at a time. Next and Close are logged driver calls on the rows' conn; a fault
// that blocks waits on the context of the query that made the rows.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/driver/driver.h"
#include "model/fakedb/driver_state.h"
#include "model/fakedb/table.h"
#include "sim/context.h"

namespace model::fakedb {

class FakeRows : public driver::Rows {
 public:
  // stmt_open_rows: the count of open rows of the statement whose Query made these (null
  // for Conn.Query); Close decrements it.
  FakeRows(std::shared_ptr<DriverState> state, ConnId conn, uint64_t id, sim::Context ctx,
           QueryOutcome data, std::shared_ptr<uint32_t> stmt_open_rows = nullptr);

  uint64_t id() const { return id_; }
  ConnId conn_id() const { return conn_; }

  std::vector<std::string> Columns() override { return data_.columns; }  // not a driver call
  absl::Status Close() override;
  absl::Status Next(std::vector<driver::Value>& dest) override;

 private:
  std::shared_ptr<DriverState> state_;
  ConnId conn_;
  uint64_t id_;
  sim::Context ctx_;
  QueryOutcome data_;
  size_t next_row_ = 0;
  bool closed_ = false;
  std::shared_ptr<uint32_t> stmt_open_rows_;
};

}  // namespace model::fakedb
