package com.liferay.portal.service

import com.liferay.portal.model.Layout

class LayoutLocalServiceUtil {
	static List<Layout> getLayouts(long groupId, boolean privateLayout) {
		[new Layout(plid: groupId * 10), new Layout(plid: groupId * 10 + 1)]
	}
}
