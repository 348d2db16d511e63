-- The answer of `corroborate.showSources` shown in the quickfix list or a floating window.
local M = {}

--- "Alexander Gabuev (Carnegie Moscow Center), thread, 2020-11-10, score 0.99"
local function who(source)
  local name = source.name
  if source.affiliation and source.affiliation ~= vim.NIL then
    name = ('%s (%s)'):format(name, source.affiliation)
  end
  local facts = { name }
  for _, key in ipairs({ 'kind', 'date' }) do
    if source[key] and source[key] ~= vim.NIL then
      table.insert(facts, source[key])
    end
  end
  table.insert(facts, ('score %.2f'):format(source.score))
  return facts
end

--- One entry per source, best first, each at the source sentence in its original file.
local function quickfix_items(result, encoding)
  local items = {}
  for _, source in ipairs(result.sources) do
    local item
    if source.location and source.location ~= vim.NIL then
      -- one at a time: locations_to_items sorts by file, and the order here is the ranking
      item = vim.lsp.util.locations_to_items({ source.location }, encoding)[1]
    end
    item = item or { lnum = source.line, col = 1 }
    item.text = ('%s: “%s”'):format(table.concat(who(source), ', '), source.text)
    item.user_data = source
    table.insert(items, item)
  end
  return items
end

local function float_lines(result)
  local lines = { '**' .. result.message:gsub('^(%w+)', '%1**', 1) }
  if #result.differences > 0 then
    vim.list_extend(lines, { '', '**What differs:** ' .. table.concat(result.differences, '; ') })
  end
  for nth, source in ipairs(result.sources) do
    local facts = who(source)
    facts[1] = '**' .. facts[1] .. '**'
    vim.list_extend(lines, {
      '',
      ('%d. %s'):format(nth, table.concat(facts, ' · ')),
      '   > ' .. source.text,
      ('   %s:%d'):format(source.file, source.line),
    })
  end
  return lines
end

--- @param result table the server's answer (see docs/server.md, corroborate.showSources)
--- @param view 'quickfix'|'float'
--- @param encoding string the client's position encoding
--- @return integer? the window shown (the float, or the quickfix window)
function M.show(result, view, encoding)
  if view == 'float' then
    local _, win = vim.lsp.util.open_floating_preview(float_lines(result), 'markdown', {
      border = 'rounded',
      focus_id = 'corroborate-sources',
      max_width = math.max(40, math.floor(vim.o.columns * 0.8)),
    })
    return win
  end
  if #result.sources == 0 then
    vim.notify('corroborate: ' .. result.message .. ' (no sources)', vim.log.levels.INFO)
    return nil
  end
  vim.fn.setqflist({}, ' ', {
    title = 'corroborate: ' .. result.message,
    items = quickfix_items(result, encoding),
  })
  vim.cmd('botright copen')
  return vim.api.nvim_get_current_win()
end

return M
